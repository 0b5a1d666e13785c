@echo off
set /a A=1+2*3
echo %A%
set /a B=(1+2)*3
echo %B%
set /a C=17/5, D=17%%5, E=-7/2
echo %C% %D% %E%
set /a F=0x1F + 010
echo %F%
set /a G=1^<^<4
echo %G%
set /a "H=(6&3)|8, I=5^3"
echo %H% %I%
set /a J=A+B
echo %J%
set /a J+=10
echo %J%
set /a J*=2, J-=1
echo %J%
set /a K=!0, L=~0, M=-(-3)
echo %K% %L% %M%
set /a "N=100>>2"
echo %N%
set /a UNDEF_ZZT+1
set /a P=UNDEF_ZZT+1
echo %P%
set /a Q=1/0
echo errorlevel %errorlevel%
set /a R=2147483647+1
echo %R%
