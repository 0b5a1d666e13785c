@echo off
exitcode.exe 3 "two words" x
echo errorlevel %errorlevel%
exitcode 0 && echo ran by name without extension
exitcode.exe 5 || echo failed with %errorlevel%
echo hello pipe| upper.exe
exitcode.exe 0 a b | upper
echo from file> in.txt
upper.exe < in.txt
upper.exe < in.txt > out.txt
type out.txt
exitcode.exe 2 > out.txt
type out.txt
for /f "delims=" %%l in ('exitcode.exe 0 forf') do echo for got %%l
cmd /c exit 7
echo child cmd %errorlevel%
cmd /c "echo nested cmd & exit /b 4"
echo %errorlevel%
call helper_called.bat via call
echo %errorlevel%
rem the /c quote rule of cmd /?
cmd /c "echo "inner" & echo two"
cmd /c ""exitcode.exe" 0 "a b""
cmd /c "exitcode.exe 0 "c d""
cmd /s /c ""exitcode.exe" 0"
exitcode.exe 0 a | cmd /c upper
C:\windows\system32\cmd.exe /c exit 11
echo system32 cmd %errorlevel%
%ComSpec% /c echo via ComSpec
