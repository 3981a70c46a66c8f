# Replaces pyinstaller-hooks-contrib's hook, which collects every phonenumbers module: the app parses,
# checks and formats numbers (services/core/phones.py), so the per-region metadata is enough; the
# geocoding, carrier and time-zone tables (about 40 MB of sources) stay out.
from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules(
    "phonenumbers",
    filter=lambda name: (
        not name.startswith(("phonenumbers.geodata", "phonenumbers.carrierdata", "phonenumbers.tzdata"))
    ),
)
