@echo off
set OUTER=outer
setlocal
set OUTER=changed
set INNER=inner
echo in: %OUTER% %INNER%
endlocal
echo out: %OUTER% [%INNER%]
set BASE=%CD%
mkdir sldir
setlocal
cd sldir
if "%CD%"=="%BASE%\sldir" echo inside sldir
endlocal
if "%CD%"=="%BASE%" echo directory restored
rmdir sldir
setlocal enabledelayedexpansion
set N=0
for %%i in (a b c) do (
  set /a N+=1
  echo %%i !N! %N%
)
set X=5
if 1==1 (
  set X=6
  echo percent %X% bang !X!
)
echo ^!X^! escaped
endlocal
echo after endlocal [%N%]
call :inner
echo after inner [%LEAK%]
goto :eof
:inner
setlocal
set LEAK=yes
goto :eof
