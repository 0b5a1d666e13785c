@echo off
call :show "C:\some dir\file.name.txt" plain
set HERE=%CD%
if "%~dp0"=="%HERE%\" echo dp0 is the current directory
if "%~f0"=="%HERE%\t_modifiers.bat" echo f0 is the full path
echo n0=%~n0 x0=%~x0 nx0=%~nx0
goto :eof
:show
echo 1=%1
echo ~1=%~1
echo n=%~n1
echo x=%~x1
echo nx=%~nx1
echo d=%~d1
echo p=%~p1
echo dp=%~dp1
echo f=%~f1
echo ~2=%~2
