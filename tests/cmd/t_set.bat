@echo off
set ZZT_ONE=1
set ZZT_two=second value
set zzt_Three=3
set ZZT
set ZZT_two=
set ZZT
set "ZZT_Q=quoted value" ignored
echo [%ZZT_Q%]
set ZZT_SP=trailing  
echo [%ZZT_SP%]
set NOSUCHVAR_ZZT
echo errorlevel %errorlevel%
set ZZT_E==starts with equals
echo [%ZZT_E%]
set ZZT_A=abc
set zzt_a=def
echo %ZZT_A%
