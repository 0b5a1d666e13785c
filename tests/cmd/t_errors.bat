@echo off
nosuchcommand_zzt
echo %errorlevel%
goto nolabel_zzt
echo not reached
