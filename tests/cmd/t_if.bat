@echo off
set V=abc
if %V%==abc echo 1 equal
if "%V%"=="ABC" (echo 2 wrong) else echo 2 case differs
if /i "%V%"=="ABC" echo 3 equal ignoring case
if not %V%==xyz echo 4 not equal
if defined V echo 5 V defined
if not defined NOPE_ZZT echo 6 NOPE not defined
if exist t_if.bat echo 7 t_if.bat exists
if not exist nofile.zzt echo 8 nofile missing
if exist *.bat echo 9 wildcard exists
if 10 GTR 9 echo 10 numeric gtr
if "10" GTR "9" (echo 11 wrong) else echo 11 string compare
if 5 EQU 5 echo 12 equ
if 5 NEQ 6 echo 13 neq
if 3 LSS 4 echo 14 lss
if 4 LEQ 4 echo 15 leq
if 4 GEQ 5 (echo 16 wrong) else (echo 16 not geq)
if 0x10 EQU 16 echo 17 hex
call :err 3
if errorlevel 3 echo 18 errorlevel 3 or more
if errorlevel 4 (echo 19 wrong) else echo 19 below 4
if not errorlevel 1 (echo 20 wrong) else echo 20 not zero
if %V%==abc (
  echo 21 block line one
  echo 21 block line two
) else (
  echo 21 wrong
)
if %V%==abc if 1==1 echo 22 nested
if 1==2 echo 23 wrong & echo 23 also skipped
if 1==1 echo 24 first & echo 24 second
if "a b"=="a b" echo 25 quoted spaces
goto :eof
:err
exit /b %1
