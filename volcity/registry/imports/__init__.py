"""Roster import (Excel .xlsx): templates (``template``), reading (``reading``), checking
every row (``volunteers``, ``teams``), the error report (``report``), the confirmed bulk write
(``writer``, ``bulk``) and the job's way through them (``jobs``). See docs/registry-import.md.
"""
