@echo off
rem What a side of a pipe sees when it runs in a child cmd, as Windows
rem documents it and Wine 8 does not (Wine runs both sides in one process,
rem one after the other).
echo hello| upper
echo fed| (set /p ZZP=& set ZZP)
echo [%ZZP%] set /p in a pipe does not set the variable here
rem errorlevel: the last side's exit code
echo x| exitcode 7 >nul
echo errorlevel %errorlevel%
exitcode 3 >nul | echo right side
echo errorlevel %errorlevel%
echo x| (set /p ZZQ=& set ZZ_NOT_DEFINED_ANYWHERE 2>nul)
echo errorlevel %errorlevel%
rem redirections of a side apply in the side
(1>&2 echo to stderr) 2>&1 | upper
2>nul echo kept| upper
rem the child gets the line as this cmd parsed it: one level of ^ goes,
rem %variables% are expanded here and !variables! are left to the child,
rem which has delayed expansion off
echo a^^^&b| upper
setlocal enabledelayedexpansion
set ZZV=value
echo %ZZV% !ZZV!| upper
endlocal
rem CALL :label works on either side (the child reads this file again); the
rem child starts with echo on, so the label's lines start with @
call :lines one two | upper
echo piped| call :reader
call :lines a b | call :reader
exit /b 0

:lines
@echo %1
@echo %2
@goto :eof

:reader
@set /p ZZR=
@echo reader got [%ZZR%]
@goto :eof
