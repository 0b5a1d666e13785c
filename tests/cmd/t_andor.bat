@echo off
echo a && echo b
type nofile.zzt 2>nul && echo not shown
type nofile.zzt 2>nul || echo shown after failure
echo ok || echo not shown either
call :fail && echo no || echo yes
call :ok && echo yes2 || echo no2
echo x & echo y & echo z
(call :fail) || (echo block failed)
nosuchcommand_zzt 2>nul
echo unknown errorlevel %errorlevel%
call :fail
goto :eof
:fail
exit /b 1
:ok
exit /b 0
