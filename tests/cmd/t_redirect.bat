@echo off
echo line1> out.txt
echo line2>> out.txt
>>out.txt echo line3
type out.txt
echo to stderr 1>&2
echo hidden > nul
type nofile.zzt 2> err.txt
type err.txt
type nofile.zzt > both.txt 2>&1
type both.txt
(echo block1
echo block2) > block.txt
type block.txt
set /p FIRST=< out.txt
echo first=%FIRST%
echo quoted> "sp ace.txt"
type "sp ace.txt"
echo stdout & echo stderr 1>&2
(echo in block to stderr) 2>nul 1>&2
echo 3 4 > digits.txt
type digits.txt
del out.txt err.txt both.txt block.txt "sp ace.txt" digits.txt
type nofile.zzt 2>nul
echo errorlevel %errorlevel%
echo x > nosuchdir\f.txt
echo errorlevel %errorlevel%
