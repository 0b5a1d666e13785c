@echo off
for %%i in (one two,three;four) do echo [%%i]
for %%i in ("a b" c) do echo [%%i] [%%~i]
for /l %%n in (5,-2,0) do echo n=%%n
for /l %%n in (1,1,0) do echo never
mkdir fordir
echo x> fordir\b.txt
echo x> fordir\a.txt
echo x> fordir\c.log
mkdir fordir\sub1
mkdir fordir\sub2
for %%f in (fordir\*.txt) do echo file %%f %%~nxf %%~nf %%~xf
for /d %%d in (fordir\*) do echo dir %%~nxd
for %%a in (1 2) do for %%b in (x y) do echo %%a%%b
for %%i in (a b) do (
  echo block %%i
  echo second %%i
)
for /f "tokens=1,3 delims=," %%a in ("one,two,three,four") do echo %%a-%%b
for /f "tokens=2*" %%a in ("w1 w2 w3 w4") do echo [%%a] [%%b]
for /f %%l in ('echo first line^& echo second line') do echo got %%l
echo l1 a> forlines.txt
echo ;comment>> forlines.txt
echo.>> forlines.txt
echo l2 b>> forlines.txt
for /f "tokens=1,2" %%a in (forlines.txt) do echo %%b %%a
for /f "skip=1 eol=# delims=" %%l in (forlines.txt) do echo [%%l]
for /f "usebackq delims=" %%l in ("forlines.txt") do echo u[%%l]
for /r fordir %%f in (*.txt) do echo r %%~nxf
rmdir /s /q fordir
del forlines.txt
