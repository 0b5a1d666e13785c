@echo off
rem this is a comment & echo not shown
:: another comment
title My Title
cls
verify
verify on
verify
verify off
set R=%RANDOM%
if %R% GEQ 0 if %R% LEQ 32767 echo random in range
ver > ver.txt
for /f "tokens=1,2" %%a in (ver.txt) do echo %%a %%b
del ver.txt
set PATH=C:\one;C:\two
path
path C:\three
echo %PATH%
pause
echo after pause
echo %ERRORLEVEL%
set ERRORLEVEL=5
echo %ERRORLEVEL%
