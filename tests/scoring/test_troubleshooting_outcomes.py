"""Which troubleshooting steps have their outcome written (LABELLING.md, troubleshooting
audit rules 4, 6 and 7), read by their parts. The wordings are written here after public
troubleshooting procedures (CompTIA A+ 220-1101 objective 5.1: identify the problem, test the
theory, implement the solution, verify full system functionality; Microsoft Learn: "restart
the Print Spooler service", "flush the DNS resolver cache", "roll back the driver", "renew the
certificate"; the vendors' soak and test wording: "no restarts in two hours", "50 of 50 pages
scanned") and the caller-validation wording of public service-desk procedures (a call back
to a number from the directory, identity facts matched against HR), not taken from the
evaluation set. Expected options are a hand reading of the audit rules: three steps with
their outcome are 20; a fix with no effect or test of its own is a step without outcome, also
beside the finding that led to it (rule 6); the caller's validation is no step (rule 1)."""

import pytest

from tests.scoring.conftest import grade

NOTES = "2025-01-10 09:30:00 - Sam Analyst (Work notes)\n"


def _option(make_ticket, rubric, notes: str) -> str:
    ticket = make_ticket(work_notes=NOTES + notes, comments="")
    return grade(rubric, "troubleshooting", ticket).option


# The problem found, then fixes written as done with no effect or test after them: one step
# with its outcome and two without (audit rule 6), 10; the finding is no test of the fixes.
@pytest.mark.parametrize(
    "notes",
    [
        "Event Viewer shows disk errors (event 7) on C: since Monday.\n"
        "Updated the storage driver and replaced the SATA cable.",
        "Print queue shows 40 jobs stuck since 08:10.\n"
        "Restarted the Print Spooler service and purged the queue.",
        "DNS lookup of fs01 returns the old address 10.1.4.20.\n"
        "Flushed the DNS resolver cache and re-registered the client in DNS.",
        "Device Manager shows the Wi-Fi adapter with a yellow mark.\n"
        "Rolled back the driver and reset the network adapter.",
        "Switch port Gi1/0/7 shows err-disabled.\nBounced the port and replaced the patch cable.",
        "Intune shows the laptop not compliant, BitLocker off.\n"
        "Enabled BitLocker and pushed the compliance policy again.",
        "Certificate on the intranet site expired yesterday at 23:59.\n"
        "Renewed the certificate and restarted IIS.",
        "Printer web page: toner at 0 %, drum near end of life.\n"
        "Replaced the toner and swapped the drum unit.",
        "Defender log shows the VPN client quarantined at 07:55.\n"
        "Restored the client from quarantine and added an exclusion for it.",
        "Router log shows the WAN link dropping every 10 minutes.\n"
        "Upgraded the router firmware and replaced the WAN cable.",
        "Teams log shows the sign-in token expired at 09:02.\n"
        "Cleared the Teams cache and removed the old credentials from Credential Manager.",
        "Mailbox audit shows the inbox rule moving invoices to RSS Feeds.\n"
        "Deleted the rule and turned off the RSS Feeds sync.",
        "Backup job log: failed at 02:00, target share unreachable.\n"
        "Remapped the target share and updated the job's credentials.",
        "SCCM console shows the client stuck at 0 % on the Office update.\n"
        "Cleared the ccmcache folder and restarted the SMS agent service.",
        "Group membership checked: user missing from SG-Finance-Share.\n"
        "Added her to the group and refreshed the drive mapping policy.",
        "Laptop battery report shows 38 % of design capacity.\n"
        "Replaced the battery and updated the BIOS.",
    ],
)
def test_fixes_beside_the_fault_found_have_no_outcome_of_their_own(
    make_ticket, handling_rubric, notes
):
    assert _option(make_ticket, handling_rubric, notes) == "10"


# A test told by what it did not show, or by all of a count passing (the vendors' soak and
# batch tests), after a part found in a bad state and its fix: finding, fix and test are
# three steps with their outcome, 20.
@pytest.mark.parametrize(
    "notes",
    [
        "Event log: kernel-power 41 on every restart.\nReplaced the PSU.\n"
        "Left it running for 2 hours, no restarts.",
        "Badge reader log: 12 rejects since the firmware update.\nRolled the reader back to "
        "3.1.\nStaff badged through it for an hour, not one rejection.",
        "Label printer head dirty.\nCleaned the head with the vendor's pen.\n"
        "Printed 100 labels, no jams.",
        "Access point log: client lockouts since the change.\nRolled back the RADIUS policy.\n"
        "Phones roamed the building for an hour, no lockouts.",
        "HDMI cable loose at the wall plate.\nReseated and tied it.\n"
        "Presentation ran for the whole meeting without a dropout.",
        "Router antenna loose.\nTightened both antennas.\n"
        "Streamed video for 45 minutes, no drops or freezes.",
        "Scanner glass dirty.\nCleaned the glass.\nScanned 30 cheques, 30 of 30 read.",
        "Card reader cable loose.\nReseated it.\nTook 15 test payments, 15 of 15 approved.",
        "Patch lead damaged at port 12.\nReplaced the lead.\n"
        "Pinged the printer for 10 minutes, zero timeouts.",
        "Webcam USB cable loose.\nReseated the cable.\n"
        "Teams call for 20 minutes, the camera did not disconnect.",
        "Barcode scanner window dirty.\nCleaned the window.\nScanned 40 parcels, 40 of 40 read.",
        "Network cable damaged under the desk.\nReplaced the cable.\n"
        "Copied a 2 GB file twice, no errors.",
        "Mouse receiver loose in the hub.\nMoved it to a rear port.\n"
        "Used it for 20 minutes without a disconnect.",
        "Phone headset cord damaged.\nSwapped the headset.\nTook three calls, no dropouts.",
        "SFP module loose in port 24.\nReseated the SFP.\n"
        "Watched the uplink for an hour, zero drops.",
        "Laptop dock power brick faulty.\nSwapped the brick.\n"
        "Left it docked overnight, it did not disconnect.",
    ],
)
def test_a_test_told_by_no_fault_or_all_passed_is_an_outcome(make_ticket, handling_rubric, notes):
    assert _option(make_ticket, handling_rubric, notes) == "20"


# The caller's validation read by its parts (a call back to a number whose source is written;
# identity facts matched against a record): no step (audit rule 1), so a finding and a fix
# with its effect are two steps, 10.
STEPS = "Credential Manager: two stale Office entries.\nRemoved them -> Outlook connects."


@pytest.mark.parametrize(
    "validation",
    [
        "Phoned him back on the mobile held in Workday.",
        "Called Dana back on the landline listed in the staff directory.",
        "Payroll number and home postcode agreed with the personnel file.",
        "Called her back on the number in the volunteer register.",
        "Phoned Alex back on the desk phone listed in the directory.",
        "Called the caller back on the mobile held in SAP HR.",
        "Called Sam back on the office landline in the staff sheet.",
        "SMS code sent to the mobile on her HR record -> she read it back, ok.",
        "Phoned Lee back on the extension from the intranet phone book.",
        "Called Mo back on the desk line in the global address list.",
        "Rang the site lead back on the mobile number on record.",
        "Phoned her back on the handset listed in the rota.",
        "Verification code sent to his work mobile from the directory, he read it back.",
        "Called Raj back on the number kept in the CRM.",
        "Works number and line manager agreed with the HR file.",
        "Phoned the driver back on the depot number in the site register.",
    ],
)
def test_the_callers_validation_read_by_its_parts_is_no_step(
    make_ticket, handling_rubric, validation
):
    assert _option(make_ticket, handling_rubric, f"{validation}\n{STEPS}") == "10"


# A reference after a comma is the key of the step before it, no step of its own; a step
# labelled "Step n -" with its "Result -" reads as that step and its result.
@pytest.mark.parametrize(
    ("notes", "option"),
    [
        ("Raised with the vendor, case 55120.\nLoaner laptop issued.", "10"),
        ("Reported to the DPO by e-mail, ref DP-0042.\nRemote lock sent.", "10"),
        ("Returned the dock under RMA, RMA 7781.\nSpare dock issued.", "10"),
        ("Passed to the web agency with the screenshots, ref WA-221.\nCache purged.", "10"),
        ("Raised with Dell support, case 998812.\nSpare laptop issued.", "10"),
        ("Escalated to the vendor, case VND-7001.\nWorkaround applied.", "10"),
        ("Reported to InfoSec, ref SOC-3310.\nMailbox rule removed.", "10"),
        ("Told the facilities desk, ref FM-2231.\nDesk moved.", "10"),
        ("Raised with Lenovo support, case 7712345.\nSpare tablet issued.", "10"),
        (
            "Step 1 - Remote session to PC-0412. Result - spooler stopped.\n"
            "Step 2 - Started the spooler. Result - queue empties.\n"
            "Step 3 - Printed a page from Word. Result - page prints.",
            "20",
        ),
        (
            "Step 1 - Ping to the gateway. Result - 100% loss.\n"
            "Step 2 - Reseated the patch lead. Result - replies in 1 ms.\n"
            "Step 3 - Opened Outlook. Result - mail syncs.",
            "20",
        ),
        (
            "Step 1 - Ping to the print server. Result - no reply.\n"
            "Step 2 - Restarted the server's NIC. Result - replies in 2 ms.\n"
            "Step 3 - Printed a test page. Result - prints.",
            "20",
        ),
        (
            "Step 1 - Ping to the gateway. Result - 100% loss.\n"
            "Step 2 - Replaced the patch lead. Result - replies.\n"
            "Step 3 - Opened the intranet. Result - loads.",
            "20",
        ),
    ],
)
def test_references_and_labelled_results(make_ticket, handling_rubric, notes, option):
    assert _option(make_ticket, handling_rubric, notes) == option
