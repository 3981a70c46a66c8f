<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Written by hand: the strings of Qt's own dialogs that Qt's French translation (qtbase_fr) leaves in
     English. Loaded after qtbase_fr (gui/app.py install_translators); tests/gui/test_translations.py scans
     Qt's dialogs for what is still English. -->
<TS version="2.1" language="fr_FR" sourcelanguage="en">
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Regarder dans :</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Type de fichiers :</translation>
    </message>
</context>
</TS>
