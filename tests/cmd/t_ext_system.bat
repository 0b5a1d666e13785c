@echo off
sysc.exe "echo from system & exit 3"
echo errorlevel %errorlevel%
