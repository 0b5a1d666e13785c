@echo off
echo piped line| (set /p ZZL=& set ZZL)
echo abc| set /p ZZX=
echo [%ZZX%] not set here: each side of a pipe is a child cmd
(echo one& echo two) | (set /p ZZA=& set /p ZZB=& set ZZA& set ZZB)
echo unchanged| (cd .. & set ZZC=1)
if not defined ZZC echo ZZC not defined
dir /b t_ext_pipe_builtin.bat | (set /p ZZF=& set ZZF)
