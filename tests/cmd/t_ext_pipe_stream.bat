@echo off
rem two programs in a pipe run at the same time: the writer never ends on
rem its own, it stops when the reader has gone
spew.exe | first.exe
echo errorlevel %errorlevel%
