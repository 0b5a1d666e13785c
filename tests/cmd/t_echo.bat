@echo off
echo ECHO state follows:
echo
echo on
@echo
@echo off
echo.
echo.dot
echo(paren
echo  two spaces
echo:colon
echo/slash
echo tab	inside
echo "quoted & special"
echo caret ^& ampersand ^| pipe ^> gt
echo 100%% percent
@echo at sign
echo OFF is a word: off here
