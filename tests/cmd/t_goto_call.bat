@echo off
echo main %0
call :sub first "second arg" third
echo after sub errorlevel %errorlevel%
call :sub2
echo after sub2 errorlevel %errorlevel%
call helper_called.bat x "y z"
echo after helper errorlevel %errorlevel%
set COUNT=0
:loop
set /a COUNT+=1
if %COUNT% LSS 3 goto loop
echo count %COUNT%
goto :skip
echo never printed
:skip
call :LABEL_case
call echo call expands %%COUNT%%
for %%i in (1 2 3) do if %%i==2 goto out
:out
echo out of loop
call :nolabel_zzt 2>nul
echo errorlevel after missing label %errorlevel%
goto :eof
:sub
echo sub %0 args: %1 %2 %3 all: %*
exit /b 4
:sub2
echo sub2
goto :eof
:label_case
echo labels ignore case
