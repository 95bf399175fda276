<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppSettings</name>
    <message>
        <source>The GLEIF API URL must be an http:// or https:// address.</source>
        <translation>Die GLEIF-API-URL muss eine http://- oder https://-Adresse sein.</translation>
    </message>
    <message>
        <source>Requests per minute must be between 1 and 100,000.</source>
        <translation>Anfragen pro Minute müssen zwischen 1 und 100.000 liegen.</translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 200 (GLEIF&apos;s largest page).</source>
        <translation>Die Stapelgröße muss zwischen 1 und 200 liegen (die größte Seite, die GLEIF liefert).</translation>
    </message>
    <message>
        <source>Concurrency must be between 1 and 64.</source>
        <translation>Die Anzahl gleichzeitiger Anfragen muss zwischen 1 und 64 liegen.</translation>
    </message>
    <message>
        <source>The timeout must be between 1 second and 1 hour.</source>
        <translation>Das Zeitlimit muss zwischen 1 Sekunde und 1 Stunde liegen.</translation>
    </message>
    <message>
        <source>The cache lifetime must be longer than zero.</source>
        <translation>Die Cache-Gültigkeit muss größer als null sein.</translation>
    </message>
    <message>
        <source>The lifetime of &quot;not found&quot; answers must be longer than zero.</source>
        <translation>Die Gültigkeit von „nicht gefunden“-Antworten muss größer als null sein.</translation>
    </message>
    <message>
        <source>&quot;Not found&quot; answers cannot be kept longer than the cache lifetime.</source>
        <translation>„Nicht gefunden“-Antworten können nicht länger gelten als die Cache-Gültigkeit.</translation>
    </message>
    <message>
        <source>The cost rules cannot be used: %1</source>
        <translation>Die Kostenregeln sind nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Unknown language: %1</source>
        <translation>Unbekannte Sprache: %1</translation>
    </message>
    <message>
        <source>The stored setting %1 (&quot;%2&quot;) is not a whole number from 1 to %3; the default %4 is used.</source>
        <translation>Die gespeicherte Einstellung %1 („%2“) ist keine ganze Zahl von 1 bis %3; es wird der Standardwert %4 verwendet.</translation>
    </message>
    <message>
        <source>The CA bundle cannot be used: %1</source>
        <translation>Das CA-Bundle ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The cache file cannot be used: %1</source>
        <translation>Die Cache-Datei ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>The stored setting %1 names an unknown field &quot;%2&quot;; it is left out.</source>
        <translation>Die gespeicherte Einstellung %1 nennt ein unbekanntes Feld „%2“; es wird weggelassen.</translation>
    </message>
    <message>
        <source>The stored setting %1 names no known field; the default %2 is used.</source>
        <translation>Die gespeicherte Einstellung %1 nennt kein bekanntes Feld; die Voreinstellung %2 wird verwendet.</translation>
    </message>
    <message>
        <source>The stored setting %1 is not auto, api or mirror: %2; auto is used.</source>
        <translation>Die gespeicherte Einstellung %1 ist nicht auto, api oder mirror: %2; auto wird verwendet.</translation>
    </message>
    <message>
        <source>The stored setting %1 is not a whole number of hours from 0 to %2; the mirror is not updated by itself.</source>
        <translation>Die gespeicherte Einstellung %1 ist keine ganze Stundenzahl von 0 bis %2; der Spiegel wird nicht von selbst aktualisiert.</translation>
    </message>
</context>
<context>
    <name>CacheDialog</name>
    <message>
        <source>&amp;Delete selected</source>
        <translation>Auswahl &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Purge expired</source>
        <translation>&amp;Abgelaufene entfernen</translation>
    </message>
    <message>
        <source>C&amp;lear all…</source>
        <translation>Alles l&amp;eeren…</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation>Einträge:</translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation>Größe auf der Festplatte:</translation>
    </message>
    <message>
        <source>Fetched:</source>
        <translation>Abgerufen:</translation>
    </message>
    <message>
        <source>Lifetime:</source>
        <translation>Gültigkeit:</translation>
    </message>
    <message>
        <source>%1 (not found: %2)</source>
        <translation>%1 (nicht gefunden: %2)</translation>
    </message>
    <message>
        <source>Search LEI or legal name</source>
        <translation>LEI oder Firmennamen suchen</translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation>nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>%1 (%2 fresh, %3 expired; %4 not found)</source>
        <translation>%1 (%2 aktuell, %3 abgelaufen; %4 nicht gefunden)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>oldest %1, newest %2</source>
        <translation>ältester %1, neuester %2</translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; scroll for more</source>
        <translation>
            <numerusform>%n Eintrag angezeigt; für weitere scrollen</numerusform>
            <numerusform>%n Einträge angezeigt; für weitere scrollen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation>
            <numerusform>%n Eintrag angezeigt</numerusform>
            <numerusform>%n Einträge angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting the selected entries failed.</source>
        <translation>Die ausgewählten Einträge konnten nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Purging the expired entries failed.</source>
        <translation>Die abgelaufenen Einträge konnten nicht entfernt werden.</translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation>Cache leeren</translation>
    </message>
    <message>
        <source>Delete all %1 cached answers? The next run fetches every LEI from GLEIF again.</source>
        <translation>Alle %1 zwischengespeicherten Antworten löschen? Beim nächsten Lauf wird jeder LEI erneut bei GLEIF abgefragt.</translation>
    </message>
    <message>
        <source>Clearing the cache failed.</source>
        <translation>Der Cache konnte nicht geleert werden.</translation>
    </message>
</context>
<context>
    <name>CacheEntryModel</name>
    <message>
        <source>expired %1</source>
        <translation>abgelaufen %1</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Gefunden</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Fresh: used without asking GLEIF</source>
        <translation>Aktuell: wird ohne Rückfrage bei GLEIF verwendet</translation>
    </message>
    <message>
        <source>Expired: fetched again on the next run</source>
        <translation>Abgelaufen: wird beim nächsten Lauf neu abgerufen</translation>
    </message>
    <message>
        <source>LEI</source>
        <translation>LEI</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>Firmenname</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation>Abgerufen</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>CostRules</name>
    <message>
        <source>not a JSON object (%1 at offset %2)</source>
        <translation>kein JSON-Objekt (%1 an Position %2)</translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be an object of country code to formula</source>
        <translation>„rules“ muss ein Objekt sein, das Ländercodes auf Formeln abbildet</translation>
    </message>
    <message>
        <source>rule %1: the formula must be a non-empty string</source>
        <translation>Regel %1: Die Formel muss ein nicht leerer Text sein</translation>
    </message>
    <message>
        <source>rule %1: %2</source>
        <translation>Regel %1: %2</translation>
    </message>
    <message>
        <source>rule %1: not a two-letter ISO country code</source>
        <translation>Regel %1: kein zweistelliger ISO-Ländercode</translation>
    </message>
    <message>
        <source>rule %1 uses column &quot;%2&quot;, which the input does not have</source>
        <translation>Regel %1 verwendet die Spalte „%2“, die es in der Eingabedatei nicht gibt</translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation>%1 ist leer</translation>
    </message>
    <message>
        <source>%1 is not a number: &quot;%2&quot;</source>
        <translation>%1 ist keine Zahl: „%2“</translation>
    </message>
    <message>
        <source>%1 is 0: division by zero</source>
        <translation>%1 ist 0: Division durch null</translation>
    </message>
    <message>
        <source>log of 0</source>
        <translation>log von 0</translation>
    </message>
    <message>
        <source>log of a negative number</source>
        <translation>log einer negativen Zahl</translation>
    </message>
    <message>
        <source>square root of a negative number</source>
        <translation>Quadratwurzel einer negativen Zahl</translation>
    </message>
    <message>
        <source>asin outside -1 to 1</source>
        <translation>asin außerhalb von -1 bis 1</translation>
    </message>
    <message>
        <source>acos outside -1 to 1</source>
        <translation>acos außerhalb von -1 bis 1</translation>
    </message>
    <message>
        <source>acosh below 1</source>
        <translation>acosh unter 1</translation>
    </message>
    <message>
        <source>atanh of 1 or beyond</source>
        <translation>atanh eines Werts mit Betrag 1 oder größer</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>keine Zahl</translation>
    </message>
    <message>
        <source>rule %1: &quot;=&quot; at character %2 would assign to a column; a formula only reads columns (compare with ==)</source>
        <translation>Regel %1: „=“ bei Zeichen %2 würde einer Spalte einen Wert zuweisen; eine Formel liest Spalten nur (zum Vergleichen: ==)</translation>
    </message>
    <message>
        <source>rule %1 uses column &quot;%2&quot;, which the input has more than once</source>
        <translation>Regel %1 verwendet die Spalte „%2“, die es in der Eingabedatei mehrfach gibt</translation>
    </message>
    <message>
        <source>the result is %1</source>
        <translation>das Ergebnis ist %1</translation>
    </message>
    <message>
        <source>the result is %1 (%2)</source>
        <translation>das Ergebnis ist %1 (%2)</translation>
    </message>
    <message>
        <source>the result is %1 (division by zero)</source>
        <translation>das Ergebnis ist %1 (Division durch null)</translation>
    </message>
    <message>
        <source>the result is %1 (too large for a number)</source>
        <translation>das Ergebnis ist %1 (zu groß für eine Zahl)</translation>
    </message>
    <message>
        <source>the result is not a number (an undefined operation such as 0/0 or inf - inf)</source>
        <translation>das Ergebnis ist keine Zahl (eine nicht definierte Operation wie 0/0 oder inf - inf)</translation>
    </message>
</context>
<context>
    <name>CsvDialect</name>
    <message>
        <source>comma</source>
        <translation>Komma</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>Semikolon</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>senkrechter Strich</translation>
    </message>
</context>
<context>
    <name>CsvFile</name>
    <message>
        <source>line %1: row %2 has %3 fields, the header has a different number</source>
        <translation>Zeile %1: Datensatz %2 hat %3 Felder, die Kopfzeile eine andere Anzahl</translation>
    </message>
    <message>
        <source>line %1: a quoted field is never closed (row %2 runs to the end of the file)</source>
        <translation>Zeile %1: Ein Feld in Anführungszeichen wird nie geschlossen (Datensatz %2 reicht bis zum Dateiende)</translation>
    </message>
    <message>
        <source>line %1: bytes that are not valid UTF-8</source>
        <translation>Zeile %1: Bytes, die kein gültiges UTF-8 sind</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>Datei nicht vorhanden</translation>
    </message>
    <message>
        <source>is a directory, not a CSV file</source>
        <translation>ist ein Ordner, keine CSV-Datei</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>kann nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>the file is empty (no header row)</source>
        <translation>die Datei ist leer (keine Kopfzeile)</translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation>kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>looks like a binary file, not CSV text (it contains NUL bytes)</source>
        <translation>sieht nach einer Binärdatei aus, nicht nach CSV-Text (sie enthält NUL-Bytes)</translation>
    </message>
    <message>
        <source>the first line is empty: expected a header row</source>
        <translation>die erste Zeile ist leer: erwartet wird eine Kopfzeile</translation>
    </message>
    <message>
        <source>not valid UTF-8 (first at line %1): read as Windows-1252</source>
        <translation>kein gültiges UTF-8 (erstmals in Zeile %1): als Windows-1252 gelesen</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) that are not valid UTF-8 (first at line %1), shown as �</source>
        <translation>
            <numerusform>%n Byte ist kein gültiges UTF-8 (erstmals in Zeile %1), angezeigt als �</numerusform>
            <numerusform>%n Bytes sind kein gültiges UTF-8 (erstmals in Zeile %1), angezeigt als �</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: previous enrichment columns replaced (%2)</source>
        <translation>%1: Spalten einer früheren Anreicherung ersetzt (%2)</translation>
    </message>
</context>
<context>
    <name>CsvTableModel</name>
    <message>
        <source>extra %1</source>
        <translation>Zusatzfeld %1</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Copy &amp;LEI</source>
        <translation>&amp;LEI kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation>&amp;Alles kopieren</translation>
    </message>
    <message>
        <source>&amp;Raw Record</source>
        <translation>&amp;Rohdatensatz</translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a row to see what GLEIF says about its LEI.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Wählen Sie eine Zeile, um zu sehen, was GLEIF über ihre LEI sagt.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>From the %1, as of %2.</source>
        <translation>Aus dem %1, Stand %2.</translation>
    </message>
    <message>
        <source>GLEIF mirror</source>
        <translation>GLEIF-Spiegel</translation>
    </message>
    <message>
        <source>cache of GLEIF&apos;s answers</source>
        <translation>Cache der GLEIF-Antworten</translation>
    </message>
    <message>
        <source>Open on GLEIF&apos;s search site</source>
        <translation>Auf der Suchseite von GLEIF öffnen</translation>
    </message>
</context>
<context>
    <name>EnrichmentJob</name>
    <message>
        <source>an enrichment is already running</source>
        <translation>es läuft bereits eine Anreicherung</translation>
    </message>
    <message>
        <source>the file is not fully loaded yet</source>
        <translation>die Datei ist noch nicht vollständig geladen</translation>
    </message>
    <message>
        <source>%1: no LEI column chosen</source>
        <translation>%1: keine LEI-Spalte ausgewählt</translation>
    </message>
    <message>
        <source>running without a cache: %1</source>
        <translation>Anreicherung ohne Cache: %1</translation>
    </message>
    <message>
        <source>not in the cache (offline)</source>
        <translation>nicht im Cache (offline)</translation>
    </message>
    <message>
        <source>could not write to the cache: %1</source>
        <translation>in den Cache konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the GLEIF API URL %1 is plain http: answers can be read or changed on the way</source>
        <translation>die GLEIF-API-URL %1 verwendet unverschlüsseltes http: Antworten können unterwegs mitgelesen oder verändert werden</translation>
    </message>
    <message>
        <source>no GLEIF field chosen</source>
        <translation>kein GLEIF-Feld gewählt</translation>
    </message>
    <message numerus="yes">
        <source>parent fields left empty for %n LEI(s): the %1 parent lookup(s) were not made</source>
        <translation>
            <numerusform>Mutterfelder für %n LEI leer gelassen: die %1 Abfrage(n) der Muttergesellschaften wurden nicht gestellt</numerusform>
            <numerusform>Mutterfelder für %n LEIs leer gelassen: die %1 Abfrage(n) der Muttergesellschaften wurden nicht gestellt</numerusform>
        </translation>
    </message>
    <message>
        <source>the GLEIF mirror %1 cannot be used: %2</source>
        <translation>der GLEIF-Spiegel %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>no GLEIF mirror at %1: make one with lei-enrich mirror update (or mirror import)</source>
        <translation>kein GLEIF-Spiegel unter %1: mit lei-enrich mirror update (oder mirror import) anlegen</translation>
    </message>
    <message>
        <source>%1: no such column to match by: %2</source>
        <translation>%1: keine solche Spalte zum Abgleichen: %2</translation>
    </message>
    <message>
        <source>no LEI column</source>
        <translation>keine LEI-Spalte</translation>
    </message>
    <message>
        <source>%1; match %2</source>
        <translation>%1; Abgleich %2</translation>
    </message>
    <message>
        <source>%1; match %2: %3</source>
        <translation>%1; Abgleich %2: %3</translation>
    </message>
</context>
<context>
    <name>EntityDetails</name>
    <message>
        <source>Initial registration</source>
        <translation>Erstregistrierung</translation>
    </message>
    <message>
        <source>Managing LOU</source>
        <translation>Verwaltende LOU</translation>
    </message>
    <message>
        <source>Direct parent</source>
        <translation>Direkte Muttergesellschaft</translation>
    </message>
    <message>
        <source>Ultimate parent</source>
        <translation>Oberste Muttergesellschaft</translation>
    </message>
    <message>
        <source>Nothing is held about %1 yet: enrich the file first.</source>
        <translation>Über %1 ist noch nichts gespeichert: reichern Sie die Datei zuerst an.</translation>
    </message>
    <message>
        <source>Legal address</source>
        <translation>Rechtliche Adresse</translation>
    </message>
    <message>
        <source>Headquarters address</source>
        <translation>Adresse des Hauptsitzes</translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation>Rechtlicher Name</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Weitere Namen</translation>
    </message>
    <message>
        <source>Legal address country</source>
        <translation>Land der rechtlichen Adresse</translation>
    </message>
    <message>
        <source>Headquarters country</source>
        <translation>Land des Hauptsitzes</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>Rechtsordnung</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Rechtsform</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <source>Entity status</source>
        <translation>Status der Einheit</translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation>Registrierungsstatus</translation>
    </message>
    <message>
        <source>Next renewal</source>
        <translation>Nächste Erneuerung</translation>
    </message>
    <message>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <source>BICs</source>
        <translation>BICs</translation>
    </message>
    <message>
        <source>Successor LEI</source>
        <translation>LEI des Nachfolgers</translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>choose a file name ending in .csv or .xlsx</source>
        <translation>Wählen Sie einen Dateinamen mit der Endung .csv oder .xlsx</translation>
    </message>
    <message>
        <source>export cancelled</source>
        <translation>Export abgebrochen</translation>
    </message>
    <message>
        <source>%L1 rows do not fit in an XLSX sheet (at most %L2 besides the header); export to CSV instead</source>
        <translation>%L1 Zeilen passen nicht in ein XLSX-Tabellenblatt (höchstens %L2 neben der Kopfzeile); exportieren Sie stattdessen als CSV</translation>
    </message>
    <message>
        <source>is a directory</source>
        <translation>ist ein Ordner</translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation>in %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1: the added text holds characters Windows-1252 cannot hold (such as &quot;%2&quot;), so the file is written in UTF-8 with a byte order mark instead</source>
        <translation>%1: Der hinzugefügte Text enthält Zeichen, die Windows-1252 nicht darstellen kann (etwa „%2“); die Datei wird daher stattdessen in UTF-8 mit Byte Order Mark (BOM) geschrieben</translation>
    </message>
    <message>
        <source>changed while it was being read</source>
        <translation>wurde während des Lesens geändert</translation>
    </message>
    <message>
        <source>no free temporary file name</source>
        <translation>kein freier Name für eine temporäre Datei</translation>
    </message>
    <message>
        <source>the existing file is not writable</source>
        <translation>in die vorhandene Datei kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>cannot switch to the C locale for writing numbers</source>
        <translation>für das Schreiben von Zahlen kann nicht auf das Gebietsschema „C“ umgeschaltet werden</translation>
    </message>
    <message>
        <source>cannot create the workbook in %1</source>
        <translation>die Arbeitsmappe kann in %1 nicht erstellt werden</translation>
    </message>
    <message>
        <source>cannot write the workbook&apos;s temporary data in %1 (disk full or file too large?)</source>
        <translation>die temporären Daten der Arbeitsmappe können in %1 nicht geschrieben werden (Datenträger voll oder Datei zu groß?)</translation>
    </message>
    <message>
        <source>the workbook came out damaged (%1); is the disk full?</source>
        <translation>die geschriebene Arbeitsmappe ist beschädigt (%1); ist der Datenträger voll?</translation>
    </message>
    <message>
        <source>not a ZIP file</source>
        <translation>keine ZIP-Datei</translation>
    </message>
    <message>
        <source>no ZIP central directory</source>
        <translation>kein zentrales ZIP-Verzeichnis</translation>
    </message>
    <message>
        <source>no ZIP64 central directory</source>
        <translation>kein zentrales ZIP64-Verzeichnis</translation>
    </message>
    <message>
        <source>the ZIP central directory lies outside the file</source>
        <translation>das zentrale ZIP-Verzeichnis liegt außerhalb der Datei</translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation>nicht genügend Arbeitsspeicher</translation>
    </message>
    <message>
        <source>the ZIP central directory is damaged</source>
        <translation>das zentrale ZIP-Verzeichnis ist beschädigt</translation>
    </message>
    <message>
        <source>%1: no local header</source>
        <translation>%1: kein lokaler Dateikopf</translation>
    </message>
    <message>
        <source>%1 is cut short</source>
        <translation>%1 ist abgeschnitten</translation>
    </message>
    <message>
        <source>%1 does not inflate</source>
        <translation>%1 lässt sich nicht entpacken</translation>
    </message>
    <message>
        <source>%1: unknown compression method %2</source>
        <translation>%1: unbekannte Komprimierungsmethode %2</translation>
    </message>
    <message>
        <source>%1 is damaged (its size is wrong)</source>
        <translation>%1 ist beschädigt (die Größe stimmt nicht)</translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation>%1 fehlt</translation>
    </message>
</context>
<context>
    <name>FailuresModel</name>
    <message>
        <source>%1 (%2): %L3</source>
        <translation>%1 (%2): %L3</translation>
    </message>
    <message>
        <source>row %L1</source>
        <translation>Zeile %L1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>LEI</source>
        <translation>LEI</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Needs attention: %1: %L2</source>
        <translation>Zu prüfen: %1: %L2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln Zeile</numerusform>
            <numerusform>%Ln Zeilen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailuresPanel</name>
    <message>
        <source>&amp;Retry failed lookups</source>
        <translation>Fehlgeschlagene Abfragen &amp;wiederholen</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>The entity&apos;s legal name</source>
        <translation>Der rechtliche Name des Unternehmens</translation>
    </message>
    <message>
        <source>Every BIC of the entity, in GLEIF&apos;s order</source>
        <translation>Alle BICs des Unternehmens, in der Reihenfolge von GLEIF</translation>
    </message>
    <message>
        <source>Country of the legal address (ISO 3166)</source>
        <translation>Land der rechtlichen Adresse (ISO 3166)</translation>
    </message>
    <message>
        <source>Country of the headquarters address</source>
        <translation>Land der Adresse des Hauptsitzes</translation>
    </message>
    <message>
        <source>Legal jurisdiction</source>
        <translation>Rechtsordnung</translation>
    </message>
    <message>
        <source>Legal form (ISO 20275 ELF code, else as written)</source>
        <translation>Rechtsform (ELF-Code nach ISO 20275, sonst wie angegeben)</translation>
    </message>
    <message>
        <source>Entity category (GENERAL, BRANCH, FUND, ...)</source>
        <translation>Kategorie des Unternehmens (GENERAL, BRANCH, FUND, ...)</translation>
    </message>
    <message>
        <source>Other names of the entity</source>
        <translation>Weitere Namen des Unternehmens</translation>
    </message>
    <message>
        <source>Entity status (ACTIVE, INACTIVE)</source>
        <translation>Status des Unternehmens (ACTIVE, INACTIVE)</translation>
    </message>
    <message>
        <source>LEI registration status (ISSUED, LAPSED, RETIRED, ...)</source>
        <translation>Registrierungsstatus des LEI (ISSUED, LAPSED, RETIRED, ...)</translation>
    </message>
    <message>
        <source>When the LEI must next be renewed</source>
        <translation>Wann der LEI das nächste Mal verlängert werden muss</translation>
    </message>
    <message>
        <source>When GLEIF last updated the record</source>
        <translation>Wann GLEIF den Datensatz zuletzt aktualisiert hat</translation>
    </message>
    <message>
        <source>LEI of the successor entity (after a merger)</source>
        <translation>LEI des Nachfolgeunternehmens (nach einer Fusion)</translation>
    </message>
    <message>
        <source>LEI of the direct accounting-consolidation parent</source>
        <translation>LEI der direkten Muttergesellschaft (Konsolidierung)</translation>
    </message>
    <message>
        <source>Legal name of the direct parent</source>
        <translation>Rechtlicher Name der direkten Muttergesellschaft</translation>
    </message>
    <message>
        <source>Why no direct parent is reported (e.g. NON_CONSOLIDATING)</source>
        <translation>Warum keine direkte Muttergesellschaft gemeldet ist (z. B. NON_CONSOLIDATING)</translation>
    </message>
    <message>
        <source>LEI of the ultimate accounting-consolidation parent</source>
        <translation>LEI der obersten Muttergesellschaft (Konsolidierung)</translation>
    </message>
    <message>
        <source>Legal name of the ultimate parent</source>
        <translation>Rechtlicher Name der obersten Muttergesellschaft</translation>
    </message>
    <message>
        <source>Why no ultimate parent is reported</source>
        <translation>Warum keine oberste Muttergesellschaft gemeldet ist</translation>
    </message>
    <message>
        <source>LEI health warnings (lapsed, retired, renewal_due, ...)</source>
        <translation>Warnungen zum Zustand des LEI (lapsed, retired, renewal_due, ...)</translation>
    </message>
    <message>
        <source>When the answer was true (fetch time)</source>
        <translation>Wann die Antwort galt (Zeitpunkt des Abrufs)</translation>
    </message>
    <message>
        <source>Where the answer came from (cache, mirror, api)</source>
        <translation>Woher die Antwort kam (cache, mirror, api)</translation>
    </message>
    <message>
        <source>an empty field name in &quot;%1&quot; (valid: all, %2)</source>
        <translation>ein leerer Feldname in „%1“ (gültig: all, %2)</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot; (valid: all, %2)</source>
        <translation>unbekanntes Feld „%1“ (gültig: all, %2)</translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is named twice</source>
        <translation>Feld „%1“ ist doppelt genannt</translation>
    </message>
</context>
<context>
    <name>FieldsDialog</name>
    <message>
        <source>Move &amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Check at least one field.</source>
        <translation>Wählen Sie mindestens ein Feld.</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
    <message>
        <source>The GLEIF columns added after the file&apos;s own, in this order. Check the fields you want; drag them or use Move Up and Move Down to order them.</source>
        <translation>Die GLEIF-Spalten, die nach den Spalten der Datei angefügt werden, in dieser Reihenfolge. Haken Sie die gewünschten Felder an; ordnen Sie sie durch Ziehen oder mit „Nach oben“ und „Nach unten“.</translation>
    </message>
    <message>
        <source>Online, one request to GLEIF per parent or exception, made once every LEI is answered (you are asked first when it takes over 100)</source>
        <translation>Online eine Anfrage an GLEIF je Muttergesellschaft oder Ausnahme, gestellt, sobald jede LEI beantwortet ist (über 100 werden Sie vorher gefragt)</translation>
    </message>
</context>
<context>
    <name>FileDownload</name>
    <message>
        <source>%1: %2 is not an http or https URL</source>
        <translation>%1: %2 ist keine http- oder https-URL</translation>
    </message>
    <message>
        <source>%1: not enough free space in %2 (%3 needed, %4 free)</source>
        <translation>%1: nicht genug freier Speicher in %2 (%3 nötig, %4 frei)</translation>
    </message>
    <message>
        <source>%1: cannot write %2 (%3)</source>
        <translation>%1: %2 kann nicht geschrieben werden (%3)</translation>
    </message>
    <message>
        <source>%1: the server sent another part than asked (Content-Range &quot;%2&quot; for bytes %3-)</source>
        <translation>%1: der Server hat einen anderen Teil als erbeten gesendet (Content-Range „%2“ für Bytes ab %3)</translation>
    </message>
    <message>
        <source>%1: the file changed on the server since the download began; it starts over next time</source>
        <translation>%1: die Datei hat sich auf dem Server geändert, seit der Download begann; nächstes Mal beginnt er von vorn</translation>
    </message>
    <message>
        <source>%1: not enough free space to start over (%2 needed, %3 free)</source>
        <translation>%1: nicht genug freier Speicher, um neu zu beginnen (%2 nötig, %3 frei)</translation>
    </message>
    <message>
        <source>%1: the server announces %2 bytes, GLEIF published %3</source>
        <translation>%1: der Server kündigt %2 Bytes an, GLEIF hat %3 veröffentlicht</translation>
    </message>
    <message>
        <source>%1: the server announces %2, more than the %3 accepted for this file</source>
        <translation>%1: der Server kündigt %2 an, mehr als die für diese Datei akzeptierten %3</translation>
    </message>
    <message>
        <source>%1: the server sent more than the %2 bytes GLEIF published (refused)</source>
        <translation>%1: der Server hat mehr als die von GLEIF veröffentlichten %2 Bytes gesendet (abgelehnt)</translation>
    </message>
    <message>
        <source>%1: the server sent more than %2 (refused)</source>
        <translation>%1: der Server hat mehr als %2 gesendet (abgelehnt)</translation>
    </message>
    <message>
        <source>%1 of %2 kept for resuming</source>
        <translation>%1 von %2 zum Fortsetzen behalten</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1: cancelled; %2</source>
        <translation>%1: abgebrochen; %2</translation>
    </message>
    <message>
        <source>%1: redirected to %2, not https (refused)</source>
        <translation>%1: umgeleitet nach %2, nicht https (abgelehnt)</translation>
    </message>
    <message>
        <source>%1: more than %2 redirects (refused)</source>
        <translation>%1: mehr als %2 Umleitungen (abgelehnt)</translation>
    </message>
    <message>
        <source>%1: no data for %2 s (stalled); %3</source>
        <translation>%1: seit %2 s keine Daten (hängt); %3</translation>
    </message>
    <message>
        <source>%1: the connection ended after %2 (%3); %4</source>
        <translation>%1: die Verbindung endete nach %2 (%3); %4</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>unvollständig</translation>
    </message>
    <message>
        <source>%1: the server refused to resume (HTTP 416); it starts over next time</source>
        <translation>%1: der Server verweigert das Fortsetzen (HTTP 416); nächstes Mal beginnt der Download von vorn</translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3 for %4</source>
        <translation>%1: HTTP %2 %3 für %4</translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation>%1: TLS: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: cannot rename %2 to it</source>
        <translation>%1: %2 kann nicht dorthin umbenannt werden</translation>
    </message>
</context>
<context>
    <name>FindLeisDialog</name>
    <message>
        <source>Also enrich &amp;probable matches</source>
        <translation>Auch &amp;wahrscheinliche Treffer anreichern</translation>
    </message>
    <message>
        <source>Find LEIs</source>
        <translation>LEIs finden</translation>
    </message>
    <message>
        <source>Rows whose LEI is empty or invalid (every row when there is no LEI column) are matched to GLEIF entities by name, country and BIC. Exact matches are enriched; the others are listed under View &gt; Matches for you to decide.</source>
        <translation>Zeilen mit leerem oder ungültigem LEI (jede Zeile, wenn es keine LEI-Spalte gibt) werden über Name, Land und BIC GLEIF-Einheiten zugeordnet. Exakte Treffer werden angereichert; die übrigen stehen unter Ansicht &gt; Treffer zur Entscheidung.</translation>
    </message>
    <message>
        <source>Probable: the best candidate scores 90 or more and at least 10 more than the next. Unchecked, probable rows wait for your review.</source>
        <translation>Wahrscheinlich: der beste Kandidat erreicht 90 oder mehr und mindestens 10 mehr als der nächste. Ohne Haken warten wahrscheinliche Zeilen auf Ihre Prüfung.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>&amp;Name column:</source>
        <translation>&amp;Namensspalte:</translation>
    </message>
    <message>
        <source>&amp;Country column:</source>
        <translation>&amp;Länderspalte:</translation>
    </message>
    <message>
        <source>&amp;BIC column:</source>
        <translation>&amp;BIC-Spalte:</translation>
    </message>
    <message>
        <source>&amp;Find and Enrich</source>
        <translation>&amp;Finden und anreichern</translation>
    </message>
</context>
<context>
    <name>GleifClient</name>
    <message>
        <source>answer cut short (%1)</source>
        <translation>Antwort abgebrochen (%1)</translation>
    </message>
    <message>
        <source>HTTP 429 (too many requests)</source>
        <translation>HTTP 429 (zu viele Anfragen)</translation>
    </message>
    <message>
        <source>timeout (no answer in %1 s)</source>
        <translation>Zeitüberschreitung (keine Antwort in %1 s)</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>Verbindung abgelehnt</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>Host nicht gefunden</translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation>Verbindung vom Server geschlossen</translation>
    </message>
    <message>
        <source>malformed JSON (%1 at byte %2)</source>
        <translation>fehlerhaftes JSON (%1 bei Byte %2)</translation>
    </message>
    <message>
        <source>malformed JSON (no data array)</source>
        <translation>fehlerhaftes JSON (kein data-Array)</translation>
    </message>
    <message>
        <source>malformed JSON (record without attributes.lei)</source>
        <translation>fehlerhaftes JSON (Datensatz ohne attributes.lei)</translation>
    </message>
    <message>
        <source>%1 (GLEIF failed %2 times in a row)</source>
        <translation>%1 (GLEIF ist %2-mal in Folge gescheitert)</translation>
    </message>
    <message>
        <source>%1: GLEIF asks to wait %2 min</source>
        <translation>%1: GLEIF bittet, %2 min zu warten</translation>
    </message>
    <message>
        <source>%1 after 1 attempt</source>
        <translation>%1 nach 1 Versuch</translation>
    </message>
    <message>
        <source>%1 after %2 attempts</source>
        <translation>%1 nach %2 Versuchen</translation>
    </message>
    <message>
        <source>answer larger than %1 (refused)</source>
        <translation>Antwort größer als %1 (abgelehnt)</translation>
    </message>
    <message>
        <source>redirected to %1, another origin (refused)</source>
        <translation>Weiterleitung zu %1, einem anderen Ursprung (abgelehnt)</translation>
    </message>
    <message>
        <source>more than %1 redirects (refused)</source>
        <translation>mehr als %1 Weiterleitungen (abgelehnt)</translation>
    </message>
    <message>
        <source>timeout (no complete answer in %1 s)</source>
        <translation>Zeitüberschreitung (keine vollständige Antwort in %1 s)</translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation>TLS: %1</translation>
    </message>
    <message>
        <source>proxy authentication required</source>
        <translation>Proxy-Authentifizierung erforderlich</translation>
    </message>
    <message>
        <source>page %1 of %2 held none of the LEIs asked for (paging stopped)</source>
        <translation>Seite %1 von %2 enthielt keinen der angefragten LEIs (Abruf weiterer Seiten beendet)</translation>
    </message>
    <message>
        <source>malformed JSON (no data object)</source>
        <translation>fehlerhaftes JSON (kein data-Objekt)</translation>
    </message>
    <message>
        <source>malformed JSON (no data)</source>
        <translation>fehlerhaftes JSON (keine Daten)</translation>
    </message>
</context>
<context>
    <name>GoldenCopy</name>
    <message>
        <source>missing or not a text</source>
        <translation>fehlt oder ist kein Text</translation>
    </message>
</context>
<context>
    <name>GoldenCopy::Reader</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <source>not a whole number from 0 to %1</source>
        <translation>keine ganze Zahl von 0 bis %1</translation>
    </message>
    <message>
        <source>missing or not a text</source>
        <translation>fehlt oder ist kein Text</translation>
    </message>
    <message>
        <source>not a valid absolute URL</source>
        <translation>keine gültige absolute URL</translation>
    </message>
    <message>
        <source>%1 is not an https URL (refused)</source>
        <translation>%1 ist keine https-URL (abgelehnt)</translation>
    </message>
    <message>
        <source>%1 is not on %2 (refused)</source>
        <translation>%1 liegt nicht auf %2 (abgelehnt)</translation>
    </message>
    <message>
        <source>not an object</source>
        <translation>kein Objekt</translation>
    </message>
    <message>
        <source>not a date</source>
        <translation>kein Datum</translation>
    </message>
    <message>
        <source>0 bytes</source>
        <translation>0 Bytes</translation>
    </message>
    <message>
        <source>not a JSON object (%1)</source>
        <translation>kein JSON-Objekt (%1)</translation>
    </message>
</context>
<context>
    <name>GoldenCopyFile</name>
    <message>
        <source>not a file</source>
        <translation>keine Datei</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>keine solche Datei</translation>
    </message>
    <message>
        <source>empty file, no header</source>
        <translation>leere Datei, keine Kopfzeile</translation>
    </message>
    <message>
        <source>not a Golden Copy LEI2, RR, reporting-exception or BIC-map file (header starts: %1)</source>
        <translation>keine Golden-Copy-Datei (LEI2, RR, Meldeausnahmen oder BIC-Zuordnung) (die Kopfzeile beginnt: %1)</translation>
    </message>
    <message>
        <source>line %1: %2 fields where the header has %3 (file cut or corrupt)</source>
        <translation>Zeile %1: %2 Felder, wo die Kopfzeile %3 hat (Datei abgeschnitten oder beschädigt)</translation>
    </message>
    <message>
        <source>line %1: a quoted field is not closed (file cut or corrupt)</source>
        <translation>Zeile %1: ein Feld in Anführungszeichen wird nicht geschlossen (Datei abgeschnitten oder beschädigt)</translation>
    </message>
</context>
<context>
    <name>HealthWarnings</name>
    <message>
        <source>GLEIF names a successor entity: %1</source>
        <translation>GLEIF nennt eine Nachfolgeeinheit: %1</translation>
    </message>
    <message>
        <source>registration lapsed: not renewed in time</source>
        <translation>Registrierung abgelaufen: nicht rechtzeitig erneuert</translation>
    </message>
    <message>
        <source>registration retired: the entity ceased to exist or is no longer registered</source>
        <translation>Registrierung stillgelegt: die Einheit besteht nicht mehr oder ist nicht mehr registriert</translation>
    </message>
    <message>
        <source>the entity merged into another</source>
        <translation>die Einheit ist in einer anderen aufgegangen</translation>
    </message>
    <message>
        <source>registration annulled: it was made in error or is invalid</source>
        <translation>Registrierung annulliert: irrtümlich erteilt oder ungültig</translation>
    </message>
    <message>
        <source>a duplicate of another LEI for the same entity</source>
        <translation>ein Duplikat einer anderen LEI derselben Einheit</translation>
    </message>
    <message>
        <source>the entity is no longer active</source>
        <translation>die Einheit ist nicht mehr aktiv</translation>
    </message>
    <message>
        <source>the registration is due for renewal within 30 days, or overdue</source>
        <translation>die Registrierung ist innerhalb von 30 Tagen zu erneuern oder überfällig</translation>
    </message>
    <message>
        <source>the parent lookup failed</source>
        <translation>die Abfrage der Muttergesellschaften ist fehlgeschlagen</translation>
    </message>
    <message>
        <source>from an expired cache entry: GLEIF could not be reached</source>
        <translation>aus einem abgelaufenen Cache-Eintrag: GLEIF war nicht erreichbar</translation>
    </message>
    <message>
        <source>registration status %1</source>
        <translation>Registrierungsstatus %1</translation>
    </message>
</context>
<context>
    <name>Lei</name>
    <message>
        <source>valid</source>
        <translation>gültig</translation>
    </message>
    <message>
        <source>LEI is empty</source>
        <translation>LEI ist leer</translation>
    </message>
    <message>
        <source>LEI is not 20 characters long</source>
        <translation>LEI ist nicht 20 Zeichen lang</translation>
    </message>
    <message>
        <source>LEI has characters other than A-Z and 0-9</source>
        <translation>LEI enthält andere Zeichen als A–Z und 0–9</translation>
    </message>
    <message>
        <source>check digits wrong</source>
        <translation>Prüfziffern falsch</translation>
    </message>
</context>
<context>
    <name>LeiCache</name>
    <message>
        <source>it is an SQLite database but not a LEI Enricher cache</source>
        <translation>sie ist eine SQLite-Datenbank, aber kein Cache von LEI Enricher</translation>
    </message>
    <message>
        <source>it was written by a newer release (cache schema %1; this one reads up to %2)</source>
        <translation>sie wurde von einer neueren Version geschrieben (Cache-Schema %1; diese Version liest bis %2)</translation>
    </message>
    <message>
        <source>its schema version is missing</source>
        <translation>ihre Schemaversion fehlt</translation>
    </message>
    <message>
        <source>migrating from cache schema 1 failed: %1</source>
        <translation>Umstellung von Cache-Schema 1 fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>migrating from cache schema 2 failed: %1</source>
        <translation>Umstellung von Cache-Schema 2 fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>unknown database error</source>
        <translation>unbekannter Datenbankfehler</translation>
    </message>
    <message>
        <source>no cache file given</source>
        <translation>keine Cache-Datei angegeben</translation>
    </message>
    <message>
        <source>the cache folder %1 is not writable (cache file %2)</source>
        <translation>in den Cache-Ordner %1 kann nicht geschrieben werden (Cache-Datei %2)</translation>
    </message>
    <message>
        <source>the cache path %1 is a folder, not a file</source>
        <translation>der Cache-Pfad %1 ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>The cache file %1 was damaged (%2); it was moved to %3 and a new cache was started.</source>
        <translation>Die Cache-Datei %1 war beschädigt (%2); sie wurde nach %3 verschoben und ein neuer Cache angelegt.</translation>
    </message>
    <message>
        <source>cannot use the cache file %1: %2</source>
        <translation>die Cache-Datei %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>the cache is not open</source>
        <translation>der Cache ist nicht geöffnet</translation>
    </message>
    <message>
        <source>cannot open the cache file %1: %2</source>
        <translation>die Cache-Datei %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>it is damaged and cannot be moved aside to %1: %2</source>
        <translation>sie ist beschädigt und kann nicht nach %1 beiseitegelegt werden: %2</translation>
    </message>
    <message>
        <source>cache lookup failed: %1</source>
        <translation>Abfrage im Cache fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>cannot write to the cache file %1: %2</source>
        <translation>in die Cache-Datei %1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read the cache statistics: %1</source>
        <translation>die Cache-Statistik kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>cannot list the cache entries: %1</source>
        <translation>die Cache-Einträge können nicht aufgelistet werden: %1</translation>
    </message>
    <message>
        <source>cannot count the cache entries: %1</source>
        <translation>die Cache-Einträge können nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>cannot delete cache entries from %1: %2</source>
        <translation>Cache-Einträge in %1 können nicht gelöscht werden: %2</translation>
    </message>
    <message>
        <source>cannot purge the cache file %1: %2</source>
        <translation>abgelaufene Einträge in der Cache-Datei %1 können nicht entfernt werden: %2</translation>
    </message>
    <message>
        <source>cannot clear the cache file %1: %2</source>
        <translation>die Cache-Datei %1 kann nicht geleert werden: %2</translation>
    </message>
    <message>
        <source>migrating from cache schema 3 failed: %1</source>
        <translation>Umstellung von Cache-Schema 3 fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the cache path %1 is not a regular file</source>
        <translation>der Cache-Pfad %1 ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>cannot read the cache file %1: %2</source>
        <translation>die Cache-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not an SQLite database, so it cannot be the cache; it was left as it is</source>
        <translation>%1 ist keine SQLite-Datenbank und kann daher nicht der Cache sein; die Datei wurde nicht verändert</translation>
    </message>
    <message>
        <source>cannot use the cache folder for %1: %2</source>
        <translation>der Cache-Ordner für %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>migrating from cache schema %1 failed: %2</source>
        <translation>Migration vom Cache-Schema %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>the cache file %1 cannot be written</source>
        <translation>in die Cache-Datei %1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>the cache file %1 cannot be made: %2 is not a folder</source>
        <translation>die Cache-Datei %1 kann nicht angelegt werden: %2 ist kein Ordner</translation>
    </message>
    <message>
        <source>the cache file %1 cannot be made: the folder %2 cannot be written</source>
        <translation>die Cache-Datei %1 kann nicht angelegt werden: in den Ordner %2 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LEI Enricher</source>
        <translation>LEI Enricher</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>File problems</source>
        <translation>Probleme in der Datei</translation>
    </message>
    <message>
        <source>Open a CSV file of transactions (File &gt; Open or drop it here).</source>
        <translation>Öffnen Sie eine CSV-Datei mit Transaktionen (Datei &gt; Öffnen oder hierher ziehen).</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>Ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation>&amp;Exportieren...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Enrich</source>
        <translation>&amp;Anreichern</translation>
    </message>
    <message>
        <source>Look up every LEI in GLEIF (cache first) and compute the costs</source>
        <translation>Jeden LEI bei GLEIF abfragen (zuerst im Cache) und die Kosten berechnen</translation>
    </message>
    <message>
        <source>&amp;Retry Failed Lookups</source>
        <translation>Fehlgeschlagene Abfragen &amp;wiederholen</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Cache...</source>
        <translation>&amp;Cache...</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>&amp;Failures</source>
        <translation>&amp;Fehler</translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation>&amp;Zusammenfassung</translation>
    </message>
    <message>
        <source>File &amp;Problems</source>
        <translation>&amp;Probleme in der Datei</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About LEI Enricher</source>
        <translation>Ü&amp;ber LEI Enricher</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt-Werkzeugleiste</translation>
    </message>
    <message>
        <source>Filter rows: text, or &quot;status is not_found&quot;</source>
        <translation>Zeilen filtern: Text oder „status is not_found“</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>&amp;Filter</translation>
    </message>
    <message>
        <source>Open transactions</source>
        <translation>Transaktionen öffnen</translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation>Datei kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 — LEI Enricher</source>
        <translation>%1 — LEI Enricher</translation>
    </message>
    <message>
        <source>Loading cancelled: showing the rows read so far.</source>
        <translation>Laden abgebrochen: Es werden die bisher gelesenen Zeilen angezeigt.</translation>
    </message>
    <message>
        <source>Which column holds the LEIs?</source>
        <translation>Welche Spalte enthält die LEIs?</translation>
    </message>
    <message>
        <source>No column is named &quot;lei&quot;. Choose the column with the counterparty LEIs:</source>
        <translation>Keine Spalte heißt „lei“. Wählen Sie die Spalte mit den LEIs der Gegenparteien:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation>%L1 Zeilen</translation>
    </message>
    <message>
        <source>%L1 columns</source>
        <translation>%L1 Spalten</translation>
    </message>
    <message>
        <source>%1-separated</source>
        <translation>Trennzeichen: %1</translation>
    </message>
    <message>
        <source>LEI column: %1</source>
        <translation>LEI-Spalte: %1</translation>
    </message>
    <message>
        <source>%L1 invalid LEIs</source>
        <translation>%L1 ungültige LEIs</translation>
    </message>
    <message>
        <source>%L1 rows with problems</source>
        <translation>%L1 Zeilen mit Problemen</translation>
    </message>
    <message>
        <source>... and %L1 more</source>
        <translation>... und %L1 weitere</translation>
    </message>
    <message>
        <source>About LEI Enricher</source>
        <translation>Über LEI Enricher</translation>
    </message>
    <message>
        <source>&lt;h3&gt;LEI Enricher %1&lt;/h3&gt;&lt;p&gt;Enriches transaction files with the legal name, BICs and country of each counterparty&apos;s LEI, and computes transaction costs.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3), SQLite, muParser and libxlsxwriter.&lt;/p&gt;&lt;p&gt;LEI data: Global Legal Entity Identifier Foundation (GLEIF), &lt;a href=&quot;https://www.gleif.org&quot;&gt;www.gleif.org&lt;/a&gt;, available free of charge under the CC0 licence.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;LEI Enricher %1&lt;/h3&gt;&lt;p&gt;Ergänzt Transaktionsdateien um den Firmennamen, die BICs und das Land zum LEI jeder Gegenpartei und berechnet die Transaktionskosten.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2 (läuft mit Qt %3), SQLite, muParser und libxlsxwriter.&lt;/p&gt;&lt;p&gt;LEI-Daten: Global Legal Entity Identifier Foundation (GLEIF), &lt;a href=&quot;https://www.gleif.org&quot;&gt;www.gleif.org&lt;/a&gt;, kostenlos verfügbar unter der Lizenz CC0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot enrich</source>
        <translation>Anreichern nicht möglich</translation>
    </message>
    <message>
        <source>The cost rules cannot be used: %1</source>
        <translation>Die Kostenregeln sind nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>Checking LEIs...</source>
        <translation>LEIs werden geprüft...</translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation> · noch etwa %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>LEIs resolved %L1 of %L2 (from cache %L3, fetched %L4, failed %L5) · requests %L6 · rows %L7 of %L8%9</source>
        <translation>LEIs aufgelöst %L1 von %L2 (aus dem Cache %L3, abgerufen %L4, fehlgeschlagen %L5) · Anfragen %L6 · Zeilen %L7 von %L8%9</translation>
    </message>
    <message>
        <source>Enriched</source>
        <translation>Angereichert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Export enriched table</source>
        <translation>Angereicherte Tabelle exportieren</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel-Arbeitsmappe (*.xlsx)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>%1: the export would overwrite the input file</source>
        <translation>%1: Der Export würde die Eingabedatei überschreiben</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exportiert nach %1</translation>
    </message>
    <message>
        <source>Sorting is possible once the file is loaded and no enrichment runs.</source>
        <translation>Sortieren ist möglich, sobald die Datei geladen ist und keine Anreicherung läuft.</translation>
    </message>
    <message>
        <source>Showing %L1 of %L2 rows</source>
        <translation>%L1 von %L2 Zeilen angezeigt</translation>
    </message>
    <message>
        <source>Too many cells to copy; export the table instead.</source>
        <translation>Zu viele Zellen zum Kopieren; exportieren Sie stattdessen die Tabelle.</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Neu &amp;laden</translation>
    </message>
    <message>
        <source>%1 (column %2)</source>
        <translation>%1 (Spalte %2)</translation>
    </message>
    <message>
        <source>More than one column is named &quot;lei&quot;. Choose the column with the counterparty LEIs:</source>
        <translation>Mehrere Spalten heißen „lei“. Wählen Sie die Spalte mit den LEIs der Gegenparteien:</translation>
    </message>
    <message>
        <source>%1 changed on disk while open: what is shown may no longer be right.</source>
        <translation>Die Datei %1 wurde seit dem Öffnen geändert: Die Anzeige ist möglicherweise nicht mehr korrekt.</translation>
    </message>
    <message numerus="yes">
        <source> · %Ln row(s) need attention</source>
        <translation>
            <numerusform> · %Ln Zeile zu prüfen</numerusform>
            <numerusform> · %Ln Zeilen zu prüfen</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Fields...</source>
        <translation>&amp;Felder...</translation>
    </message>
    <message>
        <source>Look up parents?</source>
        <translation>Muttergesellschaften abfragen?</translation>
    </message>
    <message numerus="yes">
        <source>The parent columns need %Ln request(s) to GLEIF, about %1 at the rate limit (%L2 a minute). Everything else is already enriched; skipped, the parent columns stay empty.</source>
        <translation>
            <numerusform>Die Mutterspalten brauchen %Ln Anfrage an GLEIF, etwa %1 bei der Ratenbegrenzung (%L2 pro Minute). Alles andere ist bereits angereichert; übersprungen bleiben die Mutterspalten leer.</numerusform>
            <numerusform>Die Mutterspalten brauchen %Ln Anfragen an GLEIF, etwa %1 bei der Ratenbegrenzung (%L2 pro Minute). Alles andere ist bereits angereichert; übersprungen bleiben die Mutterspalten leer.</numerusform>
        </translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation>weniger als eine Minute</translation>
    </message>
    <message>
        <source>%L1 minutes</source>
        <translation>%L1 Minuten</translation>
    </message>
    <message>
        <source>&amp;Look Up Parents</source>
        <translation>Muttergesellschaften &amp;abfragen</translation>
    </message>
    <message>
        <source>&amp;Skip Parents</source>
        <translation>Muttergesellschaften &amp;überspringen</translation>
    </message>
    <message>
        <source> · parents of %L1 LEIs to look up</source>
        <translation> · Muttergesellschaften von %L1 LEIs abzufragen</translation>
    </message>
    <message>
        <source>LEI &amp;Column...</source>
        <translation>LEI-&amp;Spalte...</translation>
    </message>
    <message>
        <source>GLEIF &amp;Data...</source>
        <translation>GLEIF-&amp;Daten...</translation>
    </message>
    <message>
        <source>Choose the column with the counterparty LEIs:</source>
        <translation>Wählen Sie die Spalte mit den LEIs der Gegenparteien:</translation>
    </message>
    <message>
        <source> · from the GLEIF mirror %L1</source>
        <translation> · aus dem GLEIF-Spiegel %L1</translation>
    </message>
    <message>
        <source> · %L1 LEIs from the GLEIF mirror</source>
        <translation> · %L1 LEIs aus dem GLEIF-Spiegel</translation>
    </message>
    <message>
        <source>Export which rows?</source>
        <translation>Welche Zeilen exportieren?</translation>
    </message>
    <message>
        <source>The table shows %L1 of %L2 rows (filtered or sorted). The export holds all rows in the file&apos;s order unless you choose the rows as shown.</source>
        <translation>Die Tabelle zeigt %L1 von %L2 Zeilen (gefiltert oder sortiert). Der Export enthält alle Zeilen in der Reihenfolge der Datei, außer Sie wählen die angezeigten Zeilen.</translation>
    </message>
    <message>
        <source>&amp;All Rows</source>
        <translation>Alle &amp;Zeilen</translation>
    </message>
    <message>
        <source>Rows as &amp;Shown</source>
        <translation>&amp;Angezeigte Zeilen</translation>
    </message>
    <message numerus="yes">
        <source>Updating the GLEIF mirror in the background (older than %n hour(s))...</source>
        <translation>
            <numerusform>Der GLEIF-Spiegel wird im Hintergrund aktualisiert (älter als %n Stunde)...</numerusform>
            <numerusform>Der GLEIF-Spiegel wird im Hintergrund aktualisiert (älter als %n Stunden)...</numerusform>
        </translation>
    </message>
    <message>
        <source>GLEIF mirror updated to the Golden Copy of %1.</source>
        <translation>GLEIF-Spiegel auf die Golden Copy vom %1 aktualisiert.</translation>
    </message>
    <message>
        <source>GLEIF mirror up to date (Golden Copy of %1).</source>
        <translation>GLEIF-Spiegel ist aktuell (Golden Copy vom %1).</translation>
    </message>
    <message>
        <source>GLEIF mirror update cancelled; the mirror is as it was.</source>
        <translation>Aktualisierung des GLEIF-Spiegels abgebrochen; der Spiegel ist unverändert.</translation>
    </message>
    <message>
        <source>GLEIF mirror update failed: %1 The mirror is as it was.</source>
        <translation>Aktualisierung des GLEIF-Spiegels fehlgeschlagen: %1 Der Spiegel ist unverändert.</translation>
    </message>
    <message>
        <source>Quit without exporting?</source>
        <translation>Ohne Export beenden?</translation>
    </message>
    <message>
        <source>The enriched table of %1 has not been exported. Its GLEIF answers stay in the cache, but the computed table is lost on quitting.</source>
        <translation>Die angereicherte Tabelle von %1 wurde nicht exportiert. Ihre GLEIF-Antworten bleiben im Cache, aber die berechnete Tabelle geht beim Beenden verloren.</translation>
    </message>
    <message>
        <source>&amp;Quit Without Exporting</source>
        <translation>&amp;Ohne Export beenden</translation>
    </message>
    <message>
        <source> · waiting %1 s for GLEIF&apos;s rate limit</source>
        <translation> · wartet %1 s auf die Ratenbegrenzung von GLEIF</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Cannot read the whole file</source>
        <translation>Die Datei kann nicht vollständig gelesen werden</translation>
    </message>
    <message>
        <source>%1
The rows read before the damage are shown.</source>
        <translation>%1
Die vor dem Schaden gelesenen Zeilen werden angezeigt.</translation>
    </message>
    <message>
        <source>Filtering</source>
        <translation>Filtert</translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
        <translation>Tabellen (*.csv *.txt *.tsv *.xlsx *.xlsm);;CSV-Dateien (*.csv *.txt *.tsv);;Excel-Arbeitsmappen (*.xlsx *.xlsm);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Which sheet?</source>
        <translation>Welches Tabellenblatt?</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n sheets. Open:</source>
        <translation>
            <numerusform>%1 hat %n Tabellenblatt. Öffnen:</numerusform>
            <numerusform>%1 hat %n Tabellenblätter. Öffnen:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %L2 of %L3 rows ok, %L4 not ok · %L5 distinct LEIs (%L6 from the cache) · GLEIF requests: %L7 · %L8 s</source>
        <translation>%1: %L2 von %L3 Zeilen ok, %L4 nicht ok · %L5 verschiedene LEIs (%L6 aus dem Cache) · GLEIF-Anfragen: %L7 · %L8 s</translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation>Export abbrechen</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Find &amp;LEIs...</source>
        <translation>&amp;LEIs finden...</translation>
    </message>
    <message>
        <source>Find the LEI of rows that lack one by name, country or BIC</source>
        <translation>Den LEI von Zeilen ohne LEI über Name, Land oder BIC finden</translation>
    </message>
    <message>
        <source>&amp;Matches</source>
        <translation>&amp;Treffer</translation>
    </message>
    <message>
        <source>No LEI column: find LEIs by name...</source>
        <translation>Keine LEI-Spalte: LEIs über den Namen finden...</translation>
    </message>
    <message>
        <source>none (LEIs found by name)</source>
        <translation>keine (LEIs über den Namen gefunden)</translation>
    </message>
    <message>
        <source> · by name: %L1 exact, %L2 accepted, %L3 to review</source>
        <translation> · über den Namen: %L1 exakt, %L2 angenommen, %L3 zu prüfen</translation>
    </message>
    <message>
        <source>Export cancelled: %1 was not written.</source>
        <translation>Export abgebrochen: %1 wurde nicht geschrieben.</translation>
    </message>
</context>
<context>
    <name>Match</name>
    <message>
        <source>empty name</source>
        <translation>leerer Name</translation>
    </message>
    <message>
        <source>name of one character</source>
        <translation>Name aus einem Zeichen</translation>
    </message>
    <message>
        <source>name without letters</source>
        <translation>Name ohne Buchstaben</translation>
    </message>
    <message>
        <source>no words left once normalised</source>
        <translation>nach dem Normalisieren bleibt kein Wort</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no country</source>
        <translation>„%1“ ist kein Land</translation>
    </message>
    <message>
        <source>no entity with this BIC</source>
        <translation>keine Einheit mit diesem BIC</translation>
    </message>
    <message>
        <source>no candidate</source>
        <translation>kein Kandidat</translation>
    </message>
    <message>
        <source>the BIC belongs to %1 entities</source>
        <translation>der BIC gehört zu %1 Einheiten</translation>
    </message>
    <message>
        <source>%1 entities have this name</source>
        <translation>%1 Einheiten tragen diesen Namen</translation>
    </message>
    <message>
        <source>no name close enough (best %1)</source>
        <translation>kein Name nah genug (bester %1)</translation>
    </message>
    <message>
        <source>close rivals</source>
        <translation>knappe Konkurrenten</translation>
    </message>
    <message>
        <source>no close name</source>
        <translation>kein ähnlicher Name</translation>
    </message>
</context>
<context>
    <name>MatchStage</name>
    <message>
        <source>not a country: %1</source>
        <translation>kein Land: %1</translation>
    </message>
    <message>
        <source>not a BIC: %1</source>
        <translation>kein BIC: %1</translation>
    </message>
    <message>
        <source>no name and no BIC</source>
        <translation>kein Name und kein BIC</translation>
    </message>
    <message>
        <source>empty name</source>
        <translation>leerer Name</translation>
    </message>
    <message>
        <source>name too short: %1</source>
        <translation>Name zu kurz: %1</translation>
    </message>
    <message>
        <source>no letters in the name: %1</source>
        <translation>keine Buchstaben im Namen: %1</translation>
    </message>
    <message>
        <source>not in the cache (offline)</source>
        <translation>nicht im Cache (offline)</translation>
    </message>
    <message>
        <source>matching asks GLEIF %1 name or BIC searches, about %2 minutes at %3 requests a minute; a GLEIF mirror (lei-enrich mirror update) answers them with no request</source>
        <translation>der Abgleich stellt GLEIF %1 Namens- oder BIC-Suchen, etwa %2 Minuten bei %3 Anfragen pro Minute; ein GLEIF-Spiegel (lei-enrich mirror update) beantwortet sie ohne Anfrage</translation>
    </message>
    <message>
        <source>search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>MatchesModel</name>
    <message>
        <source>BIC %1</source>
        <translation>BIC %1</translation>
    </message>
    <message>
        <source>, BIC %1</source>
        <translation>, BIC %1</translation>
    </message>
    <message>
        <source>accepted: %1</source>
        <translation>angenommen: %1</translation>
    </message>
    <message>
        <source>rejected: none of these</source>
        <translation>abgelehnt: keiner davon</translation>
    </message>
    <message>
        <source>%1 — %2 · rows: %L3</source>
        <translation>%1 — %2 · Zeilen: %L3</translation>
    </message>
    <message>
        <source>Found by BIC only: without a name the decision cannot be remembered.</source>
        <translation>Nur über den BIC gefunden: ohne Namen kann die Entscheidung nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>Enter accepts the selected candidate (the best when the query is selected), Delete rejects them all. Double-click to show the row.</source>
        <translation>Eingabe nimmt den gewählten Kandidaten an (den besten, wenn die Anfrage gewählt ist), Entf lehnt alle ab. Doppelklick zeigt die Zeile.</translation>
    </message>
    <message>
        <source>Matched through its other name &quot;%1&quot;</source>
        <translation>Über den anderen Namen „%1“ gefunden</translation>
    </message>
    <message>
        <source>by BIC</source>
        <translation>über BIC</translation>
    </message>
    <message>
        <source>%1 (HQ %2)</source>
        <translation>%1 (Sitz %2)</translation>
    </message>
    <message>
        <source>%1, inactive</source>
        <translation>%1, inaktiv</translation>
    </message>
    <message>
        <source>Name / candidate</source>
        <translation>Name / Kandidat</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <source>Words matched</source>
        <translation>Gemeinsame Wörter</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Rechtsform</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Registrierung</translation>
    </message>
    <message>
        <source>Other names</source>
        <translation>Andere Namen</translation>
    </message>
    <message>
        <source>LEI</source>
        <translation>LEI</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How the score is made&lt;/b&gt; (0-100): both names are normalised first: case, accents, punctuation and spaces, &amp;amp; and &quot;and&quot;, a leading &quot;The&quot;; the legal form (Ltd, GmbH, SA, written out or not) is set apart. The score is 100 less the share of characters that must change to turn one name into the other: one typo in a ten-letter name costs about 10. Legal forms that differ cost 30, one written on one side only 4. Each candidate&apos;s legal and other names are scored; the best counts. Words matched: the normalised words both names share.&lt;/p&gt;&lt;p&gt;&lt;b&gt;exact&lt;/b&gt;: the name is that of one entity only (country agreeing); &lt;b&gt;probable&lt;/b&gt;: 90 or more and at least 10 ahead of the next; &lt;b&gt;none&lt;/b&gt;: under 60; anything else is &lt;b&gt;ambiguous&lt;/b&gt;. A candidate found by the row&apos;s BIC is listed whatever its name scores.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Wie die Punkte entstehen&lt;/b&gt; (0-100): Beide Namen werden zuerst normalisiert: Groß- und Kleinschreibung, Akzente, Satzzeichen und Leerzeichen, &amp;amp; und „and“, ein führendes „The“; die Rechtsform (Ltd, GmbH, SA, ausgeschrieben oder nicht) wird abgetrennt. Die Punktzahl ist 100 weniger der Anteil der Zeichen, die sich ändern müssen, um den einen Namen in den anderen zu verwandeln: ein Tippfehler in einem Namen aus zehn Buchstaben kostet etwa 10. Verschiedene Rechtsformen kosten 30, eine nur auf einer Seite 4. Rechtlicher Name und andere Namen jedes Kandidaten werden bewertet; der beste zählt. Gemeinsame Wörter: die normalisierten Wörter, die beide Namen teilen.&lt;/p&gt;&lt;p&gt;&lt;b&gt;exact&lt;/b&gt;: der Name gehört nur einer Einheit (Land stimmt überein); &lt;b&gt;probable&lt;/b&gt;: 90 oder mehr und mindestens 10 vor dem nächsten; &lt;b&gt;none&lt;/b&gt;: unter 60; alles andere ist &lt;b&gt;ambiguous&lt;/b&gt;. Ein über den BIC der Zeile gefundener Kandidat wird unabhängig von seinen Punkten aufgeführt.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MatchesPanel</name>
    <message>
        <source>&amp;Accept (Enter)</source>
        <translation>&amp;Annehmen (Eingabe)</translation>
    </message>
    <message>
        <source>&amp;Reject (Del)</source>
        <translation>A&amp;blehnen (Entf)</translation>
    </message>
    <message>
        <source>Enrich Again with &amp;Decisions</source>
        <translation>Mit &amp;Entscheidungen erneut anreichern</translation>
    </message>
    <message>
        <source>The selected candidate is the row&apos;s entity: remembered in the cache for this name and country</source>
        <translation>Der gewählte Kandidat ist die Einheit der Zeile: im Cache für diesen Namen und dieses Land gespeichert</translation>
    </message>
    <message>
        <source>None of the candidates is right: remembered, not asked again</source>
        <translation>Keiner der Kandidaten stimmt: gespeichert, wird nicht erneut gefragt</translation>
    </message>
    <message>
        <source>Enrich again: the accepted names&apos; rows are enriched (match status accepted)</source>
        <translation>Erneut anreichern: die Zeilen der angenommenen Namen werden angereichert (Trefferstatus accepted)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Annehmen</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>%1 was found by its BIC only: without a name the decision cannot be remembered.</source>
        <translation>%1 wurde nur über den BIC gefunden: ohne Namen kann die Entscheidung nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The decision was not kept: %1</source>
        <translation>Die Entscheidung wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>Decisions cannot be kept: enrichment runs without a cache file (Tools &gt; Settings).</source>
        <translation>Entscheidungen können nicht gespeichert werden: die Anreicherung läuft ohne Cache-Datei (Extras &gt; Einstellungen).</translation>
    </message>
    <message>
        <source>Decisions cannot be kept: %1</source>
        <translation>Entscheidungen können nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Nothing to review. Enrich &gt; Find LEIs... matches rows without an LEI by name.</source>
        <translation>Nichts zu prüfen. Anreichern &gt; LEIs finden... ordnet Zeilen ohne LEI über den Namen zu.</translation>
    </message>
    <message numerus="yes">
        <source>All %Ln decided: Enrich Again with Decisions applies them.</source>
        <translation>
            <numerusform>%Ln entschieden: Mit Entscheidungen erneut anreichern wendet sie an.</numerusform>
            <numerusform>Alle %Ln entschieden: Mit Entscheidungen erneut anreichern wendet sie an.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to decide</source>
        <translation>
            <numerusform>%Ln zu entscheiden</numerusform>
            <numerusform>%Ln zu entscheiden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln decided</source>
        <translation>
            <numerusform>, %Ln entschieden</numerusform>
            <numerusform>, %Ln entschieden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetadataRequest</name>
    <message>
        <source>%1: the answer is larger than %2 bytes (refused)</source>
        <translation>%1: die Antwort ist größer als %2 Bytes (abgelehnt)</translation>
    </message>
    <message>
        <source>%1: no complete answer in %2 s</source>
        <translation>%1: keine vollständige Antwort in %2 s</translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation>%1: abgebrochen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MirrorDialog</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>GLEIF Data</source>
        <translation>GLEIF-Daten</translation>
    </message>
    <message>
        <source>Mirror file: %1</source>
        <translation>Spiegeldatei: %1</translation>
    </message>
    <message>
        <source>&amp;Update Now</source>
        <translation>&amp;Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>&amp;Import Files...</source>
        <translation>Dateien &amp;importieren...</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>Import abbrechen</translation>
    </message>
    <message>
        <source>Asking GLEIF what is published...</source>
        <translation>GLEIF wird gefragt, was veröffentlicht ist...</translation>
    </message>
    <message>
        <source>Downloading the %1 (%2 of %3)</source>
        <translation>%1 wird heruntergeladen (%2 von %3)</translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>%n Datei wird importiert</numerusform>
            <numerusform>%n Dateien werden importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated to the Golden Copy of %1.</source>
        <translation>Auf die Golden Copy vom %1 aktualisiert.</translation>
    </message>
    <message>
        <source>Up to date: the Golden Copy of %1 and the BIC map of %2 are the latest published.</source>
        <translation>Aktuell: die Golden Copy vom %1 und die BIC-Zuordnung vom %2 sind die neuesten veröffentlichten.</translation>
    </message>
    <message>
        <source>Update failed: %1 The mirror is as it was before.</source>
        <translation>Aktualisierung fehlgeschlagen: %1 Der Spiegel ist wie zuvor.</translation>
    </message>
    <message>
        <source>Update cancelled. The mirror is as it was before; what was downloaded is kept for the next update.</source>
        <translation>Aktualisierung abgebrochen. Der Spiegel ist wie zuvor; was heruntergeladen wurde, bleibt für die nächste Aktualisierung.</translation>
    </message>
    <message>
        <source>Updating the mirror...</source>
        <translation>Der Spiegel wird aktualisiert...</translation>
    </message>
    <message>
        <source>Cancel Update</source>
        <translation>Aktualisierung abbrechen</translation>
    </message>
    <message>
        <source>Reading the mirror...</source>
        <translation>Der Spiegel wird gelesen...</translation>
    </message>
    <message>
        <source>No GLEIF mirror yet. Update Now downloads GLEIF&apos;s Golden Copy (about 500 MB) and imports it; or import the files (LEI records, relationships, reporting exceptions, BIC map) downloaded from gleif.org by hand.</source>
        <translation>Noch kein GLEIF-Spiegel. „Jetzt aktualisieren“ lädt die Golden Copy von GLEIF (etwa 500 MB) und importiert sie; oder importieren Sie die von gleif.org heruntergeladenen Dateien (LEI-Datensätze, Beziehungen, Meldeausnahmen, BIC-Zuordnung).</translation>
    </message>
    <message>
        <source>The mirror cannot be read: %1</source>
        <translation>Der Spiegel kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>LEI records</source>
        <translation>LEI-Datensätze</translation>
    </message>
    <message>
        <source>relationships</source>
        <translation>Beziehungen</translation>
    </message>
    <message>
        <source>reporting exceptions</source>
        <translation>Meldeausnahmen</translation>
    </message>
    <message>
        <source>BIC map</source>
        <translation>BIC-Zuordnung</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 never imported</source>
        <translation>%1 nie importiert</translation>
    </message>
    <message>
        <source>Published: %1.
Age: %2.
%L3 entities, %L4 relationships, %L5 reporting exceptions, %L6 BICs; %7 on disk.</source>
        <translation>Veröffentlicht: %1.
Alter: %2.
%L3 Einheiten, %L4 Beziehungen, %L5 Meldeausnahmen, %L6 BICs; %7 auf der Festplatte.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Import GLEIF Files</source>
        <translation>GLEIF-Dateien importieren</translation>
    </message>
    <message>
        <source>Golden Copy and BIC map files (*.zip *.csv);;All files (*)</source>
        <translation>Golden-Copy- und BIC-Zuordnungsdateien (*.zip *.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Starting the import...</source>
        <translation>Der Import beginnt...</translation>
    </message>
    <message>
        <source>Import failed: %1 The mirror is as it was before.</source>
        <translation>Import fehlgeschlagen: %1 Der Spiegel ist wie zuvor.</translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation>Import abgebrochen.</translation>
    </message>
    <message>
        <source>?</source>
        <translation>?</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 of %2 read, %L3 records</source>
        <translation>%1 von %2 gelesen, %L3 Datensätze</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>, %1/s</source>
        <translation>, %1/s</translation>
    </message>
    <message numerus="yes">
        <source>, about %n second(s) left</source>
        <translation>
            <numerusform>, noch etwa %n Sekunde</numerusform>
            <numerusform>, noch etwa %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the GLEIF Mirror</source>
        <translation>GLEIF-Spiegel entfernen</translation>
    </message>
    <message>
        <source>Delete %1? Enrichment then asks GLEIF&apos;s API again (or fails with the mirror as the only source).</source>
        <translation>%1 löschen? Das Anreichern fragt dann wieder die GLEIF-API (oder schlägt fehl, wenn der Spiegel die einzige Quelle ist).</translation>
    </message>
    <message>
        <source>Cannot remove the mirror: %1</source>
        <translation>Der Spiegel kann nicht entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>MirrorStore</name>
    <message>
        <source>%1: no mirror there (import or update one first)</source>
        <translation>%1: dort ist kein Spiegel (zuerst einen importieren oder aktualisieren)</translation>
    </message>
    <message>
        <source>%1: not a GLEIF mirror (%2)</source>
        <translation>%1: kein GLEIF-Spiegel (%2)</translation>
    </message>
    <message>
        <source>%1: another import into this mirror is running</source>
        <translation>%1: ein anderer Import in diesen Spiegel läuft</translation>
    </message>
    <message>
        <source>mirror %1: %2</source>
        <translation>Spiegel %1: %2</translation>
    </message>
    <message>
        <source>%1: a delta file, but the mirror has no full %2 file to apply it to (import that first)</source>
        <translation>%1: eine Delta-Datei, aber der Spiegel hat keine vollständige %2-Datei, auf die sie anzuwenden wäre (diese zuerst importieren)</translation>
    </message>
    <message>
        <source>mirror %1: cannot write the new mirror to disk</source>
        <translation>Spiegel %1: der neue Spiegel kann nicht auf die Festplatte geschrieben werden</translation>
    </message>
    <message>
        <source>mirror %1: cannot replace it: %2</source>
        <translation>Spiegel %1: er kann nicht ersetzt werden: %2</translation>
    </message>
    <message>
        <source>%1: an import into this mirror is running</source>
        <translation>%1: ein Import in diesen Spiegel läuft</translation>
    </message>
    <message>
        <source>%1: cannot delete it</source>
        <translation>%1: kann nicht gelöscht werden</translation>
    </message>
    <message>
        <source>%1: built by an earlier version without the name index: import a full LEI2 file again (lei-enrich mirror update)</source>
        <translation>%1: von einer früheren Version ohne Namensindex erstellt: eine vollständige LEI2-Datei erneut importieren (lei-enrich mirror update)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>MirrorStore::Import</name>
    <message>
        <source>mirror %1: %2</source>
        <translation>Spiegel %1: %2</translation>
    </message>
    <message>
        <source>%1: import cancelled</source>
        <translation>%1: Import abgebrochen</translation>
    </message>
    <message>
        <source>%1: %2 records where GLEIF published %3 (file cut short)</source>
        <translation>%1: %2 Datensätze, wo GLEIF %3 veröffentlicht hat (Datei abgeschnitten)</translation>
    </message>
    <message>
        <source>%1: the mirror %2 was built by an earlier version without the name index: import a full LEI2 file first</source>
        <translation>%1: der Spiegel %2 wurde von einer früheren Version ohne Namensindex erstellt: zuerst eine vollständige LEI2-Datei importieren</translation>
    </message>
</context>
<context>
    <name>MirrorUpdater</name>
    <message>
        <source>%1 full file</source>
        <translation>%1 vollständige Datei</translation>
    </message>
    <message>
        <source>%1 %2 delta</source>
        <translation>%1 %2-Delta</translation>
    </message>
    <message>
        <source>BIC map</source>
        <translation>BIC-Zuordnung</translation>
    </message>
    <message>
        <source>asking GLEIF what is published</source>
        <translation>GLEIF wird gefragt, was veröffentlicht ist</translation>
    </message>
    <message>
        <source>%1 is not an http or https URL</source>
        <translation>%1 ist keine http- oder https-URL</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: not enough free space for the downloads (%2 needed, %3 free)</source>
        <translation>%1: nicht genug freier Speicher für die Downloads (%2 nötig, %3 frei)</translation>
    </message>
    <message>
        <source> (run again to resume)</source>
        <translation> (zum Fortsetzen erneut ausführen)</translation>
    </message>
    <message>
        <source>importing</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>NetworkConfig</name>
    <message>
        <source>%1: cannot read the CA bundle (%2)</source>
        <translation>%1: Das CA-Bundle kann nicht gelesen werden (%2)</translation>
    </message>
    <message>
        <source>%1: the CA bundle holds no PEM certificate</source>
        <translation>%1: Das CA-Bundle enthält kein PEM-Zertifikat</translation>
    </message>
</context>
<context>
    <name>ParentClient</name>
    <message>
        <source>reporting exception without a reason</source>
        <translation>Meldeausnahme ohne Grund</translation>
    </message>
    <message>
        <source>parent record without attributes.lei</source>
        <translation>Mutterdatensatz ohne attributes.lei</translation>
    </message>
    <message>
        <source>direct parent: %1</source>
        <translation>direkte Muttergesellschaft: %1</translation>
    </message>
    <message>
        <source>ultimate parent: %1</source>
        <translation>oberste Muttergesellschaft: %1</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>cannot make %1 private to its owner</source>
        <translation>der Zugriff auf %1 kann nicht auf den Eigentümer beschränkt werden</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>der Ordner %1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 ist kein Ordner</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
</context>
<context>
    <name>ProxyAuthDialog</name>
    <message>
        <source>Proxy Authentication</source>
        <translation>Proxy-Authentifizierung</translation>
    </message>
    <message>
        <source>The proxy %1:%2 asks for a user name and password to reach GLEIF. They are kept until the application closes.</source>
        <translation>Der Proxy %1:%2 verlangt einen Benutzernamen und ein Passwort, um GLEIF zu erreichen. Die Angaben bleiben bis zum Beenden der Anwendung erhalten.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
</context>
<context>
    <name>QXmlStreamReader</name>
    <message>
        <source>%1 is damaged (line %2: %3)</source>
        <translation>%1 ist beschädigt (Zeile %2: %3)</translation>
    </message>
    <message>
        <source>%1 declares entities (a DTD), which no workbook does; refused</source>
        <translation>%1 deklariert Entitäten (eine DTD), was keine Arbeitsmappe tut; abgelehnt</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>GLEIF &amp;API URL:</source>
        <translation>GLEIF-&amp;API-URL:</translation>
    </message>
    <message>
        <source>How long an answer is used without asking GLEIF again: 90s, 30m, 24h, 7d</source>
        <translation>Wie lange eine Antwort ohne erneute Abfrage bei GLEIF verwendet wird: 90s, 30m, 24h, 7d</translation>
    </message>
    <message>
        <source>Cache &amp;lifetime:</source>
        <translation>Cache-&amp;Gültigkeit:</translation>
    </message>
    <message>
        <source>Lifetime of &quot;&amp;not found&quot;:</source>
        <translation>Gültigkeit von „&amp;nicht gefunden“:</translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation>Anf&amp;ragen pro Minute:</translation>
    </message>
    <message>
        <source>&amp;Batch size (LEIs per request):</source>
        <translation>&amp;Stapelgröße (LEIs pro Anfrage):</translation>
    </message>
    <message>
        <source>&amp;Concurrent requests:</source>
        <translation>G&amp;leichzeitige Anfragen:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Cache &amp;file:</source>
        <translation>Cache-&amp;Datei:</translation>
    </message>
    <message>
        <source>Cache file</source>
        <translation>Cache-Datei</translation>
    </message>
    <message>
        <source>SQLite files (*.sqlite);;All files (*)</source>
        <translation>SQLite-Dateien (*.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>bundled rules (GB, NL, others 0)</source>
        <translation>mitgelieferte Regeln (GB, NL, sonst 0)</translation>
    </message>
    <message>
        <source>Cost &amp;rules:</source>
        <translation>&amp;Kostenregeln:</translation>
    </message>
    <message>
        <source>Cost rules</source>
        <translation>Kostenregeln</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Applies after a restart.</source>
        <translation>Gilt nach einem Neustart.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>S&amp;prache:</translation>
    </message>
    <message>
        <source>The cache lifetime is not a duration (examples: 90s, 30m, 24h, 7d).</source>
        <translation>Die Cache-Gültigkeit ist keine Zeitdauer (Beispiele: 90s, 30m, 24h, 7d).</translation>
    </message>
    <message>
        <source>The lifetime of &quot;not found&quot; answers is not a duration (examples: 30m, 1h).</source>
        <translation>Die Gültigkeit von „nicht gefunden“-Antworten ist keine Zeitdauer (Beispiele: 30m, 1h).</translation>
    </message>
    <message>
        <source>none: the system&apos;s certificate authorities only</source>
        <translation>keines: nur die Zertifizierungsstellen des Systems</translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) trusted for GLEIF&apos;s hosts, for a proxy that inspects TLS. The desktop&apos;s proxy settings are used; a proxy that asks for a password is answered once per session.</source>
        <translation>Zusätzliche CA-Zertifikate (PEM), denen für die Hosts von GLEIF vertraut wird – für einen Proxy, der TLS-Verbindungen prüft. Es gelten die Proxy-Einstellungen des Systems; verlangt ein Proxy ein Passwort, wird es einmal pro Sitzung abgefragt.</translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation>CA-&amp;Bundle:</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA-Bundle</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Also neutralise &amp;formulas in the file&apos;s own cells</source>
        <translation>&amp;Formeln auch in den Zellen der Datei selbst neutralisieren</translation>
    </message>
    <message>
        <source>CSV export and copy put a &apos; before cells starting with = + - @ tab or CR, as they always do for text from GLEIF. Off: the file&apos;s cells are written unchanged.</source>
        <translation>Beim CSV-Export und beim Kopieren wird Zellen, die mit = + - @, Tabulator oder CR beginnen, ein &apos; vorangestellt, wie stets bei Text von GLEIF. Aus: Die Zellen der Datei werden unverändert geschrieben.</translation>
    </message>
    <message>
        <source>Automatic: the fresher of cache and GLEIF mirror, else the API</source>
        <translation>Automatisch: das Neuere aus Cache und GLEIF-Spiegel, sonst die API</translation>
    </message>
    <message>
        <source>GLEIF API only</source>
        <translation>Nur die GLEIF-API</translation>
    </message>
    <message>
        <source>GLEIF mirror only (no network)</source>
        <translation>Nur der GLEIF-Spiegel (ohne Netzwerk)</translation>
    </message>
    <message>
        <source>&amp;Source of answers:</source>
        <translation>&amp;Quelle der Antworten:</translation>
    </message>
    <message>
        <source>GLEIF &amp;mirror file:</source>
        <translation>GLEIF-&amp;Spiegeldatei:</translation>
    </message>
    <message>
        <source>GLEIF mirror file</source>
        <translation>GLEIF-Spiegeldatei</translation>
    </message>
    <message>
        <source>&amp;Update the GLEIF mirror when older than</source>
        <translation>GLEIF-Spiegel &amp;aktualisieren, wenn älter als</translation>
    </message>
    <message>
        <source>When the window starts and before an Enrich, an existing mirror older than this is updated from GLEIF in the background; enriching goes on meanwhile.</source>
        <translation>Beim Start des Fensters und vor jedem Anreichern wird ein vorhandener Spiegel, der älter ist, im Hintergrund von GLEIF aktualisiert; das Anreichern läuft weiter.</translation>
    </message>
    <message>
        <source> hours</source>
        <translation> Stunden</translation>
    </message>
    <message>
        <source>The cache file cannot be used: %1.</source>
        <translation>Die Cache-Datei ist nicht verwendbar: %1.</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not looked up yet</source>
        <translation>Noch nicht abgefragt</translation>
    </message>
    <message>
        <source>Enriched</source>
        <translation>Angereichert</translation>
    </message>
    <message>
        <source>Invalid LEI</source>
        <translation>Ungültiger LEI</translation>
    </message>
    <message>
        <source>Not found in GLEIF</source>
        <translation>Nicht bei GLEIF gefunden</translation>
    </message>
    <message>
        <source>Lookup failed</source>
        <translation>Abfrage fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cost not computable</source>
        <translation>Kosten nicht berechenbar</translation>
    </message>
    <message>
        <source>GLEIF has no record of this LEI</source>
        <translation>GLEIF hat keinen Eintrag zu diesem LEI</translation>
    </message>
    <message>
        <source>From an expired cache entry: %1</source>
        <translation>Aus einem abgelaufenen Cache-Eintrag: %1</translation>
    </message>
    <message>
        <source>more fields than the header: the extra fields follow the added columns</source>
        <translation>mehr Felder als die Kopfzeile: Die zusätzlichen Felder stehen hinter den hinzugefügten Spalten</translation>
    </message>
    <message>
        <source>fewer fields than the header: the missing fields are left empty</source>
        <translation>weniger Felder als die Kopfzeile: Die fehlenden Felder bleiben leer</translation>
    </message>
    <message numerus="yes">
        <source>row has %n fields, the header %1: the extra fields follow the added columns</source>
        <translation>
            <numerusform>Zeile hat %n Feld, die Kopfzeile %1: Die zusätzlichen Felder stehen hinter den hinzugefügten Spalten</numerusform>
            <numerusform>Zeile hat %n Felder, die Kopfzeile %1: Die zusätzlichen Felder stehen hinter den hinzugefügten Spalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>row has %n fields, the header %1: the missing fields are left empty</source>
        <translation>
            <numerusform>Zeile hat %n Feld, die Kopfzeile %1: Die fehlenden Felder bleiben leer</numerusform>
            <numerusform>Zeile hat %n Felder, die Kopfzeile %1: Die fehlenden Felder bleiben leer</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>thousands</source>
        <translation>Tausend</translation>
    </message>
    <message>
        <source>millions</source>
        <translation>Millionen</translation>
    </message>
    <message>
        <source>billions</source>
        <translation>Milliarden</translation>
    </message>
    <message>
        <source>trillions</source>
        <translation>Billionen</translation>
    </message>
    <message>
        <source>&amp;Costs</source>
        <translation>&amp;Kosten</translation>
    </message>
    <message>
        <source>S&amp;tatuses</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Warnings</source>
        <translation>&amp;Warnungen</translation>
    </message>
    <message>
        <source>Save Chart As...</source>
        <translation>Diagramm speichern unter...</translation>
    </message>
    <message>
        <source>Save Chart...</source>
        <translation>Diagramm speichern...</translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG or SVG image</source>
        <translation>Das angezeigte Diagramm als PNG- oder SVG-Bild speichern</translation>
    </message>
    <message>
        <source>Double-click a line to show its rows in the table</source>
        <translation>Doppelklick auf eine Zeile zeigt ihre Zeilen in der Tabelle</translation>
    </message>
    <message>
        <source>(no country)</source>
        <translation>(kein Land)</translation>
    </message>
    <message>
        <source>(currency unknown)</source>
        <translation>(Währung unbekannt)</translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: %3 (%Ln ok row(s))</source>
        <translation>
            <numerusform>%1 %2: %3 (%Ln Zeile ok)</numerusform>
            <numerusform>%1 %2: %3 (%Ln Zeilen ok)</numerusform>
        </translation>
    </message>
    <message>
        <source>Other %1</source>
        <translation>Sonstige %1</translation>
    </message>
    <message numerus="yes">
        <source>%n more countries in %1: %2 (see the table below)</source>
        <translation>
            <numerusform>%n weiteres Land in %1: %2 (siehe Tabelle unten)</numerusform>
            <numerusform>%n weitere Länder in %1: %2 (siehe Tabelle unten)</numerusform>
        </translation>
    </message>
    <message>
        <source>No ok rows: no costs to total</source>
        <translation>Keine Zeilen ok: keine Kosten zu summieren</translation>
    </message>
    <message>
        <source>Cost totals of ok rows per country and currency</source>
        <translation>Kostensummen der Zeilen ok je Land und Währung</translation>
    </message>
    <message>
        <source>%1: %L2 rows</source>
        <translation>%1: %L2 Zeilen</translation>
    </message>
    <message>
        <source>Rows per status</source>
        <translation>Zeilen je Status</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>No rows with warnings</source>
        <translation>Keine Zeilen mit Warnungen</translation>
    </message>
    <message>
        <source>Rows per warning</source>
        <translation>Zeilen je Warnung</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Zeilen</translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation>Kosten gesamt</translation>
    </message>
    <message>
        <source>Rows by status</source>
        <translation>Zeilen nach Status</translation>
    </message>
    <message>
        <source>Rows by warning</source>
        <translation>Zeilen nach Warnung</translation>
    </message>
    <message>
        <source>Costs by country and currency (ok rows)</source>
        <translation>Kosten nach Land und Währung (Zeilen ok)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>%1: a chart is saved as .png or .svg</source>
        <translation>%1: ein Diagramm wird als .png oder .svg gespeichert</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the image could not be written</source>
        <translation>das Bild konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation>Diagramm speichern</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
</context>
<context>
    <name>Xlsx::Conversion</name>
    <message>
        <source>%1: cannot make a temporary folder for the converted sheet: %2</source>
        <translation>%1: kein temporärer Ordner für das umgewandelte Tabellenblatt möglich: %2</translation>
    </message>
    <message>
        <source>%1: cannot write the converted sheet: %2</source>
        <translation>%1: das umgewandelte Tabellenblatt kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1: cannot write the converted sheet</source>
        <translation>%1: das umgewandelte Tabellenblatt kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>Xlsx::RowParser</name>
    <message>
        <source>row number %1 is out of order or beyond the sheet&apos;s %2 rows</source>
        <translation>Zeilennummer %1 ist außer der Reihe oder jenseits der %2 Zeilen des Tabellenblatts</translation>
    </message>
    <message>
        <source>more than %1 rows</source>
        <translation>mehr als %1 Zeilen</translation>
    </message>
    <message>
        <source>cell reference &quot;%1&quot; is not within the sheet (A1 to XFD1048576)</source>
        <translation>Zellbezug „%1“ liegt nicht im Tabellenblatt (A1 bis XFD1048576)</translation>
    </message>
    <message>
        <source>cell %1 is out of order</source>
        <translation>Zelle %1 ist außer der Reihe</translation>
    </message>
    <message>
        <source>cell in row %1 names shared string %2, which does not exist</source>
        <translation>Zelle in Zeile %1 verweist auf die gemeinsame Zeichenkette %2, die es nicht gibt</translation>
    </message>
</context>
<context>
    <name>Xlsx::Splitter</name>
    <message>
        <source>%1 has no &lt;%2&gt; within its first %3 MiB</source>
        <translation>%1 hat kein &lt;%2&gt; in den ersten %3 MiB</translation>
    </message>
    <message>
        <source>%1 holds a row or string over %2 MiB long; refused</source>
        <translation>%1 enthält eine Zeile oder Zeichenkette über %2 MiB; abgelehnt</translation>
    </message>
    <message>
        <source>%1 is damaged (it ends inside &lt;%2&gt;)</source>
        <translation>%1 ist beschädigt (endet innerhalb von &lt;%2&gt;)</translation>
    </message>
</context>
<context>
    <name>Xlsx::XmlFeed</name>
    <message>
        <source>%1 holds an element over %2 MiB long; refused</source>
        <translation>%1 enthält ein Element über %2 MiB; abgelehnt</translation>
    </message>
</context>
<context>
    <name>Xlsx::ZipMember</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>corrupt or truncated ZIP file (%1)</source>
        <translation>beschädigte oder abgeschnittene ZIP-Datei (%1)</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>%1 inflates to over %2 MiB; refused (a ZIP bomb?)</source>
        <translation>%1 entpackt sich auf über %2 MiB; abgelehnt (eine ZIP-Bombe?)</translation>
    </message>
</context>
<context>
    <name>XlsxSheet</name>
    <message>
        <source>not an XLSX workbook (no %1)</source>
        <translation>keine XLSX-Arbeitsmappe (kein %1)</translation>
    </message>
    <message>
        <source>%1 is damaged</source>
        <translation>%1 ist beschädigt</translation>
    </message>
    <message>
        <source>is a directory, not a workbook</source>
        <translation>ist ein Ordner, keine Arbeitsmappe</translation>
    </message>
    <message>
        <source>not an XLSX workbook (not a ZIP file)</source>
        <translation>keine XLSX-Arbeitsmappe (keine ZIP-Datei)</translation>
    </message>
    <message>
        <source>the workbook has no sheets</source>
        <translation>die Arbeitsmappe hat keine Tabellenblätter</translation>
    </message>
    <message>
        <source>no sheet named &quot;%1&quot; (sheets: %2)</source>
        <translation>kein Tabellenblatt namens „%1“ (Tabellenblätter: %2)</translation>
    </message>
    <message>
        <source>the workbook names no part for sheet &quot;%1&quot;</source>
        <translation>die Arbeitsmappe nennt keinen Teil für das Tabellenblatt „%1“</translation>
    </message>
    <message>
        <source>the workbook has no %1 for sheet &quot;%2&quot;</source>
        <translation>die Arbeitsmappe hat kein %1 für das Tabellenblatt „%2“</translation>
    </message>
    <message>
        <source>row number %1 is out of order or beyond the sheet&apos;s %2 rows</source>
        <translation>Zeilennummer %1 ist außer der Reihe oder jenseits der %2 Zeilen des Tabellenblatts</translation>
    </message>
    <message>
        <source>more than %1 rows</source>
        <translation>mehr als %1 Zeilen</translation>
    </message>
    <message>
        <source>cannot write the converted sheet: %1</source>
        <translation>das umgewandelte Tabellenblatt kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the sheet is empty (no header row)</source>
        <translation>das Tabellenblatt ist leer (keine Kopfzeile)</translation>
    </message>
</context>
<context>
    <name>ZipSource</name>
    <message>
        <source>the ZIP file holds no file</source>
        <translation>die ZIP-Datei enthält keine Datei</translation>
    </message>
    <message>
        <source>the ZIP file holds more than one file</source>
        <translation>die ZIP-Datei enthält mehr als eine Datei</translation>
    </message>
    <message>
        <source>corrupt or truncated ZIP file (%1)</source>
        <translation>beschädigte oder abgeschnittene ZIP-Datei (%1)</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Enrich transaction CSVs with GLEIF LEI data.</source>
        <translation>Transaktions-CSVs mit LEI-Daten von GLEIF anreichern.</translation>
    </message>
    <message>
        <source>CSV file to open</source>
        <translation>Zu öffnende CSV-Datei</translation>
    </message>
</context>
</TS>
