@echo off
set S=Hello World
echo %S:~0,5%
echo %S:~6%
echo %S:~-5%
echo %S:~-5,2%
echo %S:~2,-3%
echo %S:o=0%
echo %S:world=There%
echo %S:*o=[%
echo %S: =%
echo [%NOT_DEFINED_ZZT%]
echo [%NOT_DEFINED_ZZT:~1%]
