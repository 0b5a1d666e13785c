@echo off
echo chained %1
