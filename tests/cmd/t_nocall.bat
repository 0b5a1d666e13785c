@echo off
echo before
helper_chain.bat arg1
echo never printed
