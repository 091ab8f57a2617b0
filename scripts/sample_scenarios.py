"""The incident scenarios and fictional people the sample generator draws on. All names,
companies and hosts are invented. Every text here is well-formed: make_samples.py plants the
defects. A scenario's `critical` names the critical process it triggers (or None), and
`critical_steps` the work notes that document that process's required steps."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Scenario:
    key: str
    application: str
    brief: str
    category: str
    subcategory: str
    service: str
    ci: str
    group: str
    description: str
    steps: tuple[tuple[str, str], ...]  # (action, outcome)
    resolution: str
    confirmation: str
    critical: str | None = None
    critical_steps: tuple[str, ...] = field(default_factory=tuple)
    vague_brief_ok: bool = True


SCENARIOS = (
    Scenario(
        "mailbox",
        "Outlook",
        "Cannot open shared finance mailbox",
        "Software",
        "Email",
        "Email Services",
        "Microsoft Outlook",
        "Service Desk L1",
        "Since this morning {first} cannot open the shared finance mailbox in Outlook. The "
        "error 'Cannot expand the folder' appears and the accounts team cannot process "
        "invoices before the month end deadline.",
        (
            (
                "Checked the mailbox permissions in the Exchange admin centre",
                "full access is granted",
            ),
            ("Cleared the cached credentials in Windows Credential Manager", "same error"),
            ("Removed and re-added the shared mailbox in Outlook", "still fails"),
            ("Created a new Outlook profile", "the shared mailbox opens"),
        ),
        "Created a new Outlook profile and re-added the shared finance mailbox; the corrupt "
        "profile was the cause.",
        "User confirmed the shared mailbox opens and invoices can be processed.",
    ),
    Scenario(
        "vpn",
        "GlobalProtect VPN",
        "VPN disconnects every few minutes",
        "Network",
        "VPN",
        "Remote Access",
        "GlobalProtect VPN",
        "Network Operations",
        "{first} reports that the VPN connection drops every five to ten minutes since "
        "yesterday afternoon when working from home. Each drop interrupts calls and the user "
        "cannot keep a session open to the finance system.",
        (
            (
                "Checked the GlobalProtect logs on the laptop",
                "keepalive timeouts every few minutes",
            ),
            ("Tested the home connection with a speed test", "stable, no packet loss"),
            ("Updated the GlobalProtect client to the current version", "drops stopped"),
            ("Monitored the session for thirty minutes", "no disconnects"),
        ),
        "Updated the GlobalProtect VPN client to the current version, which fixes the "
        "keepalive timeout; the connection stayed up for thirty minutes.",
        "User confirmed the VPN has stayed connected all morning.",
    ),
    Scenario(
        "printer",
        "Printing",
        "Floor printer prints blank pages",
        "Hardware",
        "Printer",
        "Printing Services",
        "PRN-LDN-04",
        "End User Computing",
        "Since Monday the shared printer on the fourth floor prints blank pages for every "
        "job. About twenty people on the floor are affected and contracts cannot be printed "
        "for signature.",
        (
            ("Printed a test page from the printer panel", "blank page"),
            ("Checked the toner levels on the printer", "black toner cartridge empty"),
            ("Replaced the black toner cartridge", "test page prints correctly"),
            ("Sent a print job from a laptop on the floor", "prints correctly"),
        ),
        "Replaced the empty black toner cartridge in the fourth floor printer and printed a "
        "test page; the low toner alert had been disabled.",
        "User confirmed printing works for the whole floor.",
    ),
    Scenario(
        "teams",
        "Microsoft Teams",
        "No audio in Teams meetings",
        "Software",
        "Collaboration",
        "Collaboration Services",
        "Microsoft Teams",
        "Service Desk L1",
        "Since the update yesterday {first} hears no audio in any Teams meeting, although the "
        "headset works in other applications. The user cannot take part in client calls "
        "today.",
        (
            ("Checked the Teams audio device settings", "the wrong speaker was selected"),
            ("Selected the headset as speaker and ran a test call", "audio works in the test call"),
            ("Cleared the Teams cache and restarted Teams", "setting kept after restart"),
        ),
        "Selected the headset as the speaker device in Teams and cleared the Teams cache so "
        "the setting is kept after the update.",
        "User confirmed audio works in a live meeting.",
    ),
    Scenario(
        "sap",
        "SAP",
        "Monthly report export fails",
        "Software",
        "ERP",
        "SAP Finance",
        "SAP ECC Production",
        "Service Desk L2",
        "When exporting the monthly cost centre report to a spreadsheet, {first} gets the "
        "error 'Export failed: timeout'. It started after the weekend and blocks the month "
        "end close for the controlling team.",
        (
            ("Reproduced the export with the user's parameters", "same timeout error"),
            ("Reviewed the export job log", "the job exceeds the dialog time limit"),
            ("Ran the report as a background job", "export completes in four minutes"),
        ),
        "Scheduled the cost centre report as a background job that writes the export to the "
        "user's folder, avoiding the dialog timeout.",
        "User confirmed the export file was received and is complete.",
    ),
    Scenario(
        "onedrive",
        "OneDrive",
        "OneDrive sync stuck on processing",
        "Software",
        "Storage",
        "File Services",
        "Microsoft OneDrive",
        "Service Desk L1",
        "Since Tuesday OneDrive shows 'Processing changes' and files saved on the laptop do "
        "not reach the team site. The user cannot share the latest drafts with the project "
        "team.",
        (
            (
                "Checked the OneDrive activity panel",
                "one file with an invalid name blocks the queue",
            ),
            ("Renamed the file with the invalid name", "queue starts moving"),
            ("Reset the OneDrive client", "sync completes"),
            ("Checked the team site in the browser", "latest drafts present"),
        ),
        "Renamed the file with an invalid character that blocked the sync queue and reset "
        "the OneDrive client; all files synced.",
        "User confirmed the drafts are visible on the team site.",
    ),
    Scenario(
        "wifi",
        "Wi-Fi",
        "Laptop drops the office wireless network",
        "Network",
        "Wireless",
        "Network Services",
        "Cisco Wireless Controller",
        "Network Operations",
        "Since Monday {first}'s laptop drops the office wireless network several "
        "times an hour on the second floor. Colleagues are not affected; every drop ends "
        "video calls.",
        (
            (
                "Checked the wireless controller logs for the laptop",
                "roaming failures between two access points",
            ),
            ("Updated the wireless adapter driver", "fewer drops but still some"),
            ("Disabled the aggressive roaming setting on the adapter", "no drops in one hour"),
        ),
        "Updated the wireless adapter driver and disabled the aggressive roaming setting on "
        "the laptop, which stopped the roaming failures.",
        "User confirmed the laptop stayed connected all day.",
    ),
    Scenario(
        "password",
        "Okta",
        "Account locked out, password reset needed",
        "Access",
        "Password Reset",
        "Identity Services",
        "Okta",
        "Identity & Access",
        "{first} is locked out of the account after several failed sign in attempts this "
        "morning and cannot reach email or the intranet. The user asks for a password reset "
        "to start work.",
        (
            (
                "Checked the account status in the Okta admin console",
                "locked after five failed attempts",
            ),
            (
                "Unlocked the account and triggered a password reset",
                "reset link sent to the recovery phone",
            ),
            ("Stayed on the call while the user set a new password", "sign in works"),
        ),
        "Unlocked the Okta account and reset the password through the recovery link; the "
        "lockout came from an old password saved on the phone, which the user removed.",
        "User confirmed sign in to email works.",
        critical="password_reset",
    ),
    Scenario(
        "lost_laptop",
        "Laptop",
        "Laptop stolen from car overnight",
        "Hardware",
        "Laptop",
        "End User Computing",
        "Dell Latitude 7440",
        "End User Computing",
        "{first} reports the work laptop was stolen from a parked car last night. The police "
        "have been informed and the user cannot work without a device today.",
        (
            ("Checked the device record in Intune", "record found, last seen yesterday evening"),
            ("Disabled the device in the directory", "sign in from the device now fails"),
            ("Ordered a replacement laptop", "delivery booked for tomorrow"),
        ),
        "Blocked the stolen laptop in the directory and issued a replacement laptop; the "
        "user's files are safe in OneDrive.",
        "User confirmed the replacement laptop works.",
        critical="lost_device",
        critical_steps=(
            "Security team notified of the stolen laptop.",
            "Sent a remote wipe through Intune; the device is locked.",
        ),
    ),
    Scenario(
        "malware",
        "Endpoint",
        "Laptop infected with malware, pop-ups",
        "Security",
        "Malware",
        "Endpoint Security",
        "Microsoft Defender",
        "Security Operations",
        "Since this morning {first}'s laptop shows pop-ups and Defender reports a trojan. "
        "The user cannot work safely and has stopped using the laptop.",
        (
            ("Reviewed the Defender alert", "trojan found in the downloads folder"),
            ("Ran a full offline scan", "threat removed"),
            ("Reimaged the laptop as a precaution", "clean build delivered"),
        ),
        "Full offline scan removed the trojan and the laptop was reimaged; the user's files "
        "were restored from OneDrive.",
        "User confirmed the reimaged laptop works.",
        critical="malware",
        critical_steps=(
            "Isolated the laptop from the network in Defender.",
            "Security team informed and given the alert details.",
        ),
    ),
    Scenario(
        "privacy",
        "Exchange Online",
        "Personal data emailed to wrong recipient",
        "Security",
        "Data Privacy",
        "Email Services",
        "Exchange Online",
        "Security Operations",
        "This morning {first} emailed a payroll report with personal data to the wrong "
        "external recipient. The report lists salaries of the whole team.",
        (
            ("Tried to recall the message", "recall failed, external recipient"),
            ("Asked the recipient in writing to delete the message", "deletion confirmed by reply"),
            ("Blocked further forwarding of the report", "done"),
        ),
        "Recipient deleted the message and confirmed it in writing; forwarding of the "
        "report is blocked.",
        "User confirmed the recipient's deletion email was received.",
        critical="data_privacy",
        critical_steps=("Privacy Office notified of the data incident.",),
    ),
    Scenario(
        "vip",
        "Zoom Rooms",
        "VIP cannot join board video call",
        "Software",
        "Collaboration",
        "Collaboration Services",
        "Zoom Rooms",
        "Service Desk L2",
        "The CFO cannot join the board video call from the meeting room since this morning; "
        "the room shows 'Unable to connect'. The board meets in one hour.",
        (
            ("Checked the room controller", "offline"),
            ("Restarted the room controller", "controller online"),
            ("Joined a test meeting from the room", "video and audio work"),
        ),
        "Restarted the meeting room controller, which had lost its network lease; the room "
        "joined a test meeting.",
        "User confirmed the board call started on time.",
        critical="vip",
        critical_steps=("Escalated to the VIP support team as priority two.",),
        vague_brief_ok=False,
    ),
    Scenario(
        "major",
        "File shares",
        "Major incident, file shares down site-wide",
        "Infrastructure",
        "Storage",
        "File Services",
        "NAS-LDN-01",
        "Service Desk L2",
        "Since eight this morning nobody in the office can open the department file shares; "
        "the error 'Network path not found' appears. All users on site are affected.",
        (
            ("Checked the storage cluster status", "one controller down"),
            ("Failed the storage over to the second controller", "shares reachable"),
            ("Tested access from three departments", "all working"),
        ),
        "Switched the storage cluster behind the file shares to the healthy controller; the faulty controller is "
        "replaced under the vendor case.",
        "Caller confirmed access to the file shares works for the office.",
        critical="major_incident",
        critical_steps=("Major incident manager engaged; bridge call opened.",),
        vague_brief_ok=False,
    ),
)

COMPANIES = (
    "Northwind Finance",
    "Contoso HR",
    "Fabrikam Retail",
    "Tailspin Logistics",
    "Woodgrove Legal",
    "Litware Marketing",
)
LOCATIONS = ("London", "Manchester", "Dublin", "Austin", "Toronto", "Singapore", "Madrid")
FIRST_NAMES = (
    "Avery",
    "Blake",
    "Casey",
    "Devon",
    "Emerson",
    "Finley",
    "Harper",
    "Jamie",
    "Kendall",
    "Logan",
    "Morgan",
    "Parker",
    "Quinn",
    "Reese",
    "Rowan",
    "Sawyer",
)
LAST_NAMES = (
    "Ashdown",
    "Brightwater",
    "Calloway",
    "Dunmore",
    "Everly",
    "Fairbanks",
    "Greystone",
    "Hollins",
    "Ivers",
    "Kettering",
    "Lindqvist",
    "Marlowe",
)
ANALYSTS = (
    "Sam Okonjo",
    "Alex Varga",
    "Jordan Pike",
    "Priya Ramesh",
    "Chris Novotny",
    "Taylor Quist",
    "Maria Solano",
    "Ben Achterberg",
)

# How each channel's caller validation reads when it is documented.
VALIDATION = {
    "phone": (
        "Validated by: Okta Verify push accepted.",
        "Caller verified via MFA push before any change.",
        "Identity confirmed with employee ID E{emp} and full name.",
    ),
    "email": (
        "Caller verified by call-back to the number in the directory.",
        "Validated by: call-back and Okta Verify push.",
    ),
    "walk-in": ("User validated with photo ID badge at the desk.",),
    "chat": ("User validated through SSO in the chat session.",),
    "virtual_agent": ("User authenticated via SSO in the virtual agent.",),
}

# Non-English descriptions (multinational desks: the user writes in their language).
FOREIGN = (
    (
        "Drucker druckt nicht",
        "Seit heute Morgen druckt der Drucker im dritten Stock nicht "
        "mehr. Die ganze Abteilung kann keine Rechnungen drucken.",
    ),
    (
        "La impresora no imprime",
        "Desde esta mañana la impresora de la tercera planta no "
        "imprime nada. Todo el departamento está afectado.",
    ),
    (
        "Imprimante en panne",
        "Depuis ce matin l'imprimante du troisième étage n'imprime plus "
        "rien. Tout le service est bloqué.",
    ),
)
