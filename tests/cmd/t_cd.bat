@echo off
set BASE=%CD%
mkdir cdtest\inner
cd cdtest
if "%CD%"=="%BASE%\cdtest" echo in cdtest
chdir inner
if "%CD%"=="%BASE%\cdtest\inner" echo in inner
cd ..\..
if "%CD%"=="%BASE%" echo back
cd /d "%BASE%\cdtest\inner"
if "%CD%"=="%BASE%\cdtest\inner" echo cd /d with quotes
cd \
if "%CD:~1%"==":\" echo at the root
cd /d %BASE%
pushd cdtest
if "%CD%"=="%BASE%\cdtest" echo pushd
pushd inner
popd
if "%CD%"=="%BASE%\cdtest" echo popd once
popd
if "%CD%"=="%BASE%" echo popd twice
cd nosuchdir_zzt 2>nul || echo cd failed
cd cdtest\inner & cd.. & cd..
if "%CD%"=="%BASE%" echo cd.. works
rmdir /s /q cdtest
exit /b 0
