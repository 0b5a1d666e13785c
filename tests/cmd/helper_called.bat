@echo off
echo helper %~n0 got %1 %2 [%~2]
exit /b 9
