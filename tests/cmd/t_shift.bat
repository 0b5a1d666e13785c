@echo off
call :args a b c d e f g h i j k
goto :eof
:args
echo %0 %1 %2 %9
echo all %*
shift
echo %0 %1 %2 %9
shift
shift
echo %0 %1 %2 %9
echo all still %*
shift /2
echo %0 %1 %2 %3
