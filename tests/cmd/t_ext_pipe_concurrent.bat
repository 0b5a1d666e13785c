@echo off
rem Every pipe runs its sides at the same time, as on Windows, also when a
rem side is a builtin or a block (it runs in a child cmd).  "event wait"
rem only succeeds while "event set" runs: one side after the other would
rem time out after 5 seconds and print "timed out".
(echo start& event wait EV1 && echo left saw EV1|| echo timed out) | (event set EV1& upper)
event set EV2 | (event wait EV2 && echo right saw EV2|| echo timed out)
(event wait EV3 && echo chained|| echo timed out) | upper | (event set EV3& set /p ZZL=& set ZZL)
for %%i in (x y) do @(event wait EV4%%i && echo for saw %%i|| echo timed out) | (event set EV4%%i& upper)
