@echo off
mkdir filesdir
cd filesdir
mkdir a\b\c
if exist a\b\c\ echo created a\b\c
mkdir a\b 2>nul || echo mkdir existing failed
md x y
dir /b
echo hello> one.txt
echo world> two.txt
type one.txt
copy one.txt three.txt
type three.txt
copy /b one.txt+two.txt both.txt
type both.txt
copy *.txt a
dir /b a
move three.txt a\b
dir /b a\b
ren one.txt uno.txt
ren *.txt *.dat
dir /b *.dat
del uno.dat
dir /b *.dat
del /q *.dat
if not exist *.dat echo no dat files
del nothing.zzt 2>nul
echo errorlevel %errorlevel%
rmdir x
rd a 2>nul || echo rd of non-empty failed
rmdir /s /q a
if not exist a echo a removed
rd y
dir /b
type missing.zzt 2>nul || echo type missing failed
cd ..
rmdir filesdir
exit /b 0
