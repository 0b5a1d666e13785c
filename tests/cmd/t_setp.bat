@echo off
set /p NAME=Your name? 
echo.
echo Hello, %NAME%!
set /p "AGE=Age: "
echo.
echo Age is %AGE%
set /p EMPTY=Empty: 
echo.
echo errorlevel %errorlevel%
if defined EMPTY (echo defined) else (echo not defined)
