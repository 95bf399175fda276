<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AppSettings</name>
    <message>
        <source>The GLEIF API URL must be an http:// or https:// address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per minute must be between 1 and 100,000.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The batch size must be between 1 and 200 (GLEIF&apos;s largest page).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Concurrency must be between 1 and 64.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The timeout must be between 1 second and 1 hour.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache lifetime must be longer than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifetime of &quot;not found&quot; answers must be longer than zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;Not found&quot; answers cannot be kept longer than the cache lifetime.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cost rules cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored setting %1 (&quot;%2&quot;) is not a whole number from 1 to %3; the default %4 is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CA bundle cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored setting %1 names an unknown field &quot;%2&quot;; it is left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored setting %1 names no known field; the default %2 is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored setting %1 is not auto, api or mirror: %2; auto is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored setting %1 is not a whole number of hours from 0 to %2; the mirror is not updated by itself.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CacheDialog</name>
    <message>
        <source>&amp;Delete selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Purge expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear all…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size on disk:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not found: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search LEI or legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 fresh, %3 expired; %4 not found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>oldest %1, newest %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown; scroll for more</source>
        <translation>
            <numerusform>%n entry shown; scroll for more</numerusform>
            <numerusform>%n entries shown; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries shown</source>
        <translation>
            <numerusform>%n entry shown</numerusform>
            <numerusform>%n entries shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleting the selected entries failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purging the expired entries failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete all %1 cached answers? The next run fetches every LEI from GLEIF again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clearing the cache failed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CacheEntryModel</name>
    <message>
        <source>expired %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fresh: used without asking GLEIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired: fetched again on the next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CostRules</name>
    <message>
        <source>not a JSON object (%1 at offset %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;rules&quot; must be an object of country code to formula</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1: the formula must be a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1: not a two-letter ISO country code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1 uses column &quot;%2&quot;, which the input does not have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a number: &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is 0: division by zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log of 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log of a negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>square root of a negative number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asin outside -1 to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acos outside -1 to 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acosh below 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>atanh of 1 or beyond</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1: &quot;=&quot; at character %2 would assign to a column; a formula only reads columns (compare with ==)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule %1 uses column &quot;%2&quot;, which the input has more than once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result is %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result is %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result is %1 (division by zero)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result is %1 (too large for a number)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the result is not a number (an undefined operation such as 0/0 or inf - inf)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvDialect</name>
    <message>
        <source>comma</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pipe</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvFile</name>
    <message>
        <source>line %1: row %2 has %3 fields, the header has a different number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: a quoted field is never closed (row %2 runs to the end of the file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: bytes that are not valid UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a directory, not a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (no header row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looks like a binary file, not CSV text (it contains NUL bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first line is empty: expected a header row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid UTF-8 (first at line %1): read as Windows-1252</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) that are not valid UTF-8 (first at line %1), shown as �</source>
        <translation>
            <numerusform>%n byte that is not valid UTF-8 (first at line %1), shown as �</numerusform>
            <numerusform>%n bytes that are not valid UTF-8 (first at line %1), shown as �</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: previous enrichment columns replaced (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CsvTableModel</name>
    <message>
        <source>extra %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <source>Copy &amp;LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Raw Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;Select a row to see what GLEIF says about its LEI.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the %1, as of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache of GLEIF&apos;s answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on GLEIF&apos;s search site</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EnrichmentJob</name>
    <message>
        <source>an enrichment is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not fully loaded yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no LEI column chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running without a cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the cache (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write to the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the GLEIF API URL %1 is plain http: answers can be read or changed on the way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no GLEIF field chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>parent fields left empty for %n LEI(s): the %1 parent lookup(s) were not made</source>
        <translation>
            <numerusform>parent fields left empty for %n LEI: the %1 parent lookup(s) were not made</numerusform>
            <numerusform>parent fields left empty for %n LEIs: the %1 parent lookup(s) were not made</numerusform>
        </translation>
    </message>
    <message>
        <source>the GLEIF mirror %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no GLEIF mirror at %1: make one with lei-enrich mirror update (or mirror import)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such column to match by: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no LEI column</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; match %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; match %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EntityDetails</name>
    <message>
        <source>Initial registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Managing LOU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ultimate parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is held about %1 yet: enrich the file first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headquarters address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal address country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headquarters country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BICs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Successor LEI</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <source>choose a file name ending in .csv or .xlsx</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>export cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows do not fit in an XLSX sheet (at most %L2 besides the header); export to CSV instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the added text holds characters Windows-1252 cannot hold (such as &quot;%2&quot;), so the file is written in UTF-8 with a byte order mark instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>changed while it was being read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no free temporary file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the existing file is not writable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot switch to the C locale for writing numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the workbook in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the workbook&apos;s temporary data in %1 (disk full or file too large?)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook came out damaged (%1); is the disk full?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a ZIP file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ZIP central directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no ZIP64 central directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ZIP central directory lies outside the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ZIP central directory is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no local header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is cut short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not inflate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown compression method %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (its size is wrong)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailuresModel</name>
    <message>
        <source>%1 (%2): %L3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs attention: %1: %L2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln row</numerusform>
            <numerusform>%Ln rows</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailuresPanel</name>
    <message>
        <source>&amp;Retry failed lookups</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>The entity&apos;s legal name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every BIC of the entity, in GLEIF&apos;s order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country of the legal address (ISO 3166)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country of the headquarters address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal jurisdiction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal form (ISO 20275 ELF code, else as written)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity category (GENERAL, BRANCH, FUND, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other names of the entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entity status (ACTIVE, INACTIVE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI registration status (ISSUED, LAPSED, RETIRED, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the LEI must next be renewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When GLEIF last updated the record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI of the successor entity (after a merger)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI of the direct accounting-consolidation parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name of the direct parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why no direct parent is reported (e.g. NON_CONSOLIDATING)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI of the ultimate accounting-consolidation parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal name of the ultimate parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why no ultimate parent is reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI health warnings (lapsed, retired, renewal_due, ...)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the answer was true (fetch time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the answer came from (cache, mirror, api)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an empty field name in &quot;%1&quot; (valid: all, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot; (valid: all, %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>field &quot;%1&quot; is named twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FieldsDialog</name>
    <message>
        <source>Move &amp;Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check at least one field.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GLEIF columns added after the file&apos;s own, in this order. Check the fields you want; drag them or use Move Up and Move Down to order them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online, one request to GLEIF per parent or exception, made once every LEI is answered (you are asked first when it takes over 100)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FileDownload</name>
    <message>
        <source>%1: %2 is not an http or https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not enough free space in %2 (%3 needed, %4 free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server sent another part than asked (Content-Range &quot;%2&quot; for bytes %3-)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the file changed on the server since the download began; it starts over next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not enough free space to start over (%2 needed, %3 free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server announces %2 bytes, GLEIF published %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server announces %2, more than the %3 accepted for this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server sent more than the %2 bytes GLEIF published (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server sent more than %2 (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 kept for resuming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: redirected to %2, not https (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: more than %2 redirects (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no data for %2 s (stalled); %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the connection ended after %2 (%3); %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the server refused to resume (HTTP 416); it starts over next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: HTTP %2 %3 for %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: TLS: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot rename %2 to it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindLeisDialog</name>
    <message>
        <source>Also enrich &amp;probable matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find LEIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows whose LEI is empty or invalid (every row when there is no LEI column) are matched to GLEIF entities by name, country and BIC. Exact matches are enriched; the others are listed under View &gt; Matches for you to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probable: the best candidate scores 90 or more and at least 10 more than the next. Unchecked, probable rows wait for your review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Country column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;BIC column:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find and Enrich</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GleifClient</name>
    <message>
        <source>answer cut short (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP 429 (too many requests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout (no answer in %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (no data array)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (record without attributes.lei)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (GLEIF failed %2 times in a row)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: GLEIF asks to wait %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after 1 attempt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 after %2 attempts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answer larger than %1 (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>redirected to %1, another origin (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 redirects (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timeout (no complete answer in %1 s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy authentication required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>page %1 of %2 held none of the LEIs asked for (paging stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (no data object)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>malformed JSON (no data)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoldenCopy</name>
    <message>
        <source>missing or not a text</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoldenCopy::Reader</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a whole number from 0 to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing or not a text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid absolute URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an https URL (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not on %2 (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a JSON object (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoldenCopyFile</name>
    <message>
        <source>not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty file, no header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a Golden Copy LEI2, RR, reporting-exception or BIC-map file (header starts: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2 fields where the header has %3 (file cut or corrupt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: a quoted field is not closed (file cut or corrupt)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthWarnings</name>
    <message>
        <source>GLEIF names a successor entity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration lapsed: not renewed in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration retired: the entity ceased to exist or is no longer registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entity merged into another</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration annulled: it was made in error or is invalid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a duplicate of another LEI for the same entity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entity is no longer active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the registration is due for renewal within 30 days, or overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the parent lookup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from an expired cache entry: GLEIF could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>registration status %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lei</name>
    <message>
        <source>valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI is not 20 characters long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI has characters other than A-Z and 0-9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check digits wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LeiCache</name>
    <message>
        <source>it is an SQLite database but not a LEI Enricher cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it was written by a newer release (cache schema %1; this one reads up to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its schema version is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migrating from cache schema 1 failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migrating from cache schema 2 failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown database error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cache file given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache folder %1 is not writable (cache file %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache path %1 is a folder, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file %1 was damaged (%2); it was moved to %3 and a new cache was started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is damaged and cannot be moved aside to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cache lookup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write to the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the cache statistics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot list the cache entries: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot count the cache entries: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot delete cache entries from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot purge the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot clear the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migrating from cache schema 3 failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache path %1 is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the cache file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an SQLite database, so it cannot be the cache; it was left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot use the cache folder for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>migrating from cache schema %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 cannot be made: %2 is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache file %1 cannot be made: the folder %2 cannot be written</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>LEI Enricher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a CSV file of transactions (File &gt; Open or drop it here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enrich</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up every LEI in GLEIF (cache first) and compute the costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry Failed Lookups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cache...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File &amp;Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About LEI Enricher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter rows: text, or &quot;status is not_found&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — LEI Enricher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading cancelled: showing the rows read so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which column holds the LEIs?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No column is named &quot;lei&quot;. Choose the column with the counterparty LEIs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI column: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 invalid LEIs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 rows with problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>... and %L1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About LEI Enricher</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;LEI Enricher %1&lt;/h3&gt;&lt;p&gt;Enriches transaction files with the legal name, BICs and country of each counterparty&apos;s LEI, and computes transaction costs.&lt;/p&gt;&lt;p&gt;Built with Qt %2 (running on Qt %3), SQLite, muParser and libxlsxwriter.&lt;/p&gt;&lt;p&gt;LEI data: Global Legal Entity Identifier Foundation (GLEIF), &lt;a href=&quot;https://www.gleif.org&quot;&gt;www.gleif.org&lt;/a&gt;, available free of charge under the CC0 licence.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot enrich</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cost rules cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking LEIs...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · about %1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEIs resolved %L1 of %L2 (from cache %L3, fetched %L4, failed %L5) · requests %L6 · rows %L7 of %L8%9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enriched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export enriched table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the export would overwrite the input file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sorting is possible once the file is loaded and no enrichment runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing %L1 of %L2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many cells to copy; export the table instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than one column is named &quot;lei&quot;. Choose the column with the counterparty LEIs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed on disk while open: what is shown may no longer be right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> · %Ln row(s) need attention</source>
        <translation>
            <numerusform> · %Ln row needs attention</numerusform>
            <numerusform> · %Ln rows need attention</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Fields...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look up parents?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The parent columns need %Ln request(s) to GLEIF, about %1 at the rate limit (%L2 a minute). Everything else is already enriched; skipped, the parent columns stay empty.</source>
        <translation>
            <numerusform>The parent columns need %Ln request to GLEIF, about %1 at the rate limit (%L2 a minute). Everything else is already enriched; skipped, the parent columns stay empty.</numerusform>
            <numerusform>The parent columns need %Ln requests to GLEIF, about %1 at the rate limit (%L2 a minute). Everything else is already enriched; skipped, the parent columns stay empty.</numerusform>
        </translation>
    </message>
    <message>
        <source>less than a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%L1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Look Up Parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Skip Parents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · parents of %L1 LEIs to look up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI &amp;Column...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF &amp;Data...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the column with the counterparty LEIs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · from the GLEIF mirror %L1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %L1 LEIs from the GLEIF mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export which rows?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The table shows %L1 of %L2 rows (filtered or sorted). The export holds all rows in the file&apos;s order unless you choose the rows as shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;All Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows as &amp;Shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Updating the GLEIF mirror in the background (older than %n hour(s))...</source>
        <translation>
            <numerusform>Updating the GLEIF mirror in the background (older than %n hour)...</numerusform>
            <numerusform>Updating the GLEIF mirror in the background (older than %n hours)...</numerusform>
        </translation>
    </message>
    <message>
        <source>GLEIF mirror updated to the Golden Copy of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror up to date (Golden Copy of %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror update cancelled; the mirror is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror update failed: %1 The mirror is as it was.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit without exporting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The enriched table of %1 has not been exported. Its GLEIF answers stay in the cache, but the computed table is lost on quitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit Without Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · waiting %1 s for GLEIF&apos;s rate limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the whole file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
The rows read before the damage are shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filtering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx *.xlsm);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which sheet?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n sheets. Open:</source>
        <translation>
            <numerusform>%1 has %n sheet. Open:</numerusform>
            <numerusform>%1 has %n sheets. Open:</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %L2 of %L3 rows ok, %L4 not ok · %L5 distinct LEIs (%L6 from the cache) · GLEIF requests: %L7 · %L8 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find &amp;LEIs...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find the LEI of rows that lack one by name, country or BIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Matches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No LEI column: find LEIs by name...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none (LEIs found by name)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · by name: %L1 exact, %L2 accepted, %L3 to review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Match</name>
    <message>
        <source>empty name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name of one character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name without letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no words left once normalised</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is no country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no entity with this BIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the BIC belongs to %1 entities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entities have this name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no name close enough (best %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close rivals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no close name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchStage</name>
    <message>
        <source>not a country: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a BIC: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no name and no BIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name too short: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no letters in the name: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not in the cache (offline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>matching asks GLEIF %1 name or BIC searches, about %2 minutes at %3 requests a minute; a GLEIF mirror (lei-enrich mirror update) answers them with no request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchesModel</name>
    <message>
        <source>BIC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, BIC %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accepted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected: none of these</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 · rows: %L3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found by BIC only: without a name the decision cannot be remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter accepts the selected candidate (the best when the query is selected), Delete rejects them all. Double-click to show the row.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched through its other name &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by BIC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (HQ %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name / candidate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Words matched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>City</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;How the score is made&lt;/b&gt; (0-100): both names are normalised first: case, accents, punctuation and spaces, &amp;amp; and &quot;and&quot;, a leading &quot;The&quot;; the legal form (Ltd, GmbH, SA, written out or not) is set apart. The score is 100 less the share of characters that must change to turn one name into the other: one typo in a ten-letter name costs about 10. Legal forms that differ cost 30, one written on one side only 4. Each candidate&apos;s legal and other names are scored; the best counts. Words matched: the normalised words both names share.&lt;/p&gt;&lt;p&gt;&lt;b&gt;exact&lt;/b&gt;: the name is that of one entity only (country agreeing); &lt;b&gt;probable&lt;/b&gt;: 90 or more and at least 10 ahead of the next; &lt;b&gt;none&lt;/b&gt;: under 60; anything else is &lt;b&gt;ambiguous&lt;/b&gt;. A candidate found by the row&apos;s BIC is listed whatever its name scores.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MatchesPanel</name>
    <message>
        <source>&amp;Accept (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reject (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich Again with &amp;Decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected candidate is the row&apos;s entity: remembered in the cache for this name and country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the candidates is right: remembered, not asked again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enrich again: the accepted names&apos; rows are enriched (match status accepted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was found by its BIC only: without a name the decision cannot be remembered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The decision was not kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions cannot be kept: enrichment runs without a cache file (Tools &gt; Settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decisions cannot be kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to review. Enrich &gt; Find LEIs... matches rows without an LEI by name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %Ln decided: Enrich Again with Decisions applies them.</source>
        <translation>
            <numerusform>%Ln decided: Enrich Again with Decisions applies it.</numerusform>
            <numerusform>All %Ln decided: Enrich Again with Decisions applies them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln to decide</source>
        <translation>
            <numerusform>%Ln to decide</numerusform>
            <numerusform>%Ln to decide</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %Ln decided</source>
        <translation>
            <numerusform>, %Ln decided</numerusform>
            <numerusform>, %Ln decided</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MetadataRequest</name>
    <message>
        <source>%1: the answer is larger than %2 bytes (refused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no complete answer in %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MirrorDialog</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <source>GLEIF Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mirror file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Files...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking GLEIF what is published...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Downloading the %1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Importing %n file(s)</source>
        <translation>
            <numerusform>Importing %n file</numerusform>
            <numerusform>Importing %n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Updated to the Golden Copy of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to date: the Golden Copy of %1 and the BIC map of %2 are the latest published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update failed: %1 The mirror is as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update cancelled. The mirror is as it was before; what was downloaded is kept for the next update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updating the mirror...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the mirror...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No GLEIF mirror yet. Update Now downloads GLEIF&apos;s Golden Copy (about 500 MB) and imports it; or import the files (LEI records, relationships, reporting exceptions, BIC map) downloaded from gleif.org by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mirror cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LEI records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>relationships</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reporting exceptions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIC map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 never imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published: %1.
Age: %2.
%L3 entities, %L4 relationships, %L5 reporting exceptions, %L6 BICs; %7 on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import GLEIF Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Golden Copy and BIC map files (*.zip *.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the import...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: %1 The mirror is as it was before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 read, %L3 records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>, about %n second(s) left</source>
        <translation>
            <numerusform>, about %n second left</numerusform>
            <numerusform>, about %n seconds left</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove the GLEIF Mirror</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1? Enrichment then asks GLEIF&apos;s API again (or fails with the mirror as the only source).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot remove the mirror: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MirrorStore</name>
    <message>
        <source>%1: no mirror there (import or update one first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not a GLEIF mirror (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: another import into this mirror is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirror %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a delta file, but the mirror has no full %2 file to apply it to (import that first)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirror %1: cannot write the new mirror to disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mirror %1: cannot replace it: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: an import into this mirror is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: built by an earlier version without the name index: import a full LEI2 file again (lei-enrich mirror update)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MirrorStore::Import</name>
    <message>
        <source>mirror %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: import cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 records where GLEIF published %3 (file cut short)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the mirror %2 was built by an earlier version without the name index: import a full LEI2 file first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MirrorUpdater</name>
    <message>
        <source>%1 full file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 delta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BIC map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking GLEIF what is published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an http or https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not enough free space for the downloads (%2 needed, %3 free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (run again to resume)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>importing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NetworkConfig</name>
    <message>
        <source>%1: cannot read the CA bundle (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the CA bundle holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParentClient</name>
    <message>
        <source>reporting exception without a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>parent record without attributes.lei</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>direct parent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ultimate parent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>cannot make %1 private to its owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProxyAuthDialog</name>
    <message>
        <source>Proxy Authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The proxy %1:%2 asks for a user name and password to reach GLEIF. They are kept until the application closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QXmlStreamReader</name>
    <message>
        <source>%1 is damaged (line %2: %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declares entities (a DTD), which no workbook does; refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF &amp;API URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long an answer is used without asking GLEIF again: 90s, 30m, 24h, 7d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache &amp;lifetime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifetime of &quot;&amp;not found&quot;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Requests per minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size (LEIs per request):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Concurrent requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite files (*.sqlite);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bundled rules (GB, NL, others 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost &amp;rules:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost rules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same as the system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applies after a restart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache lifetime is not a duration (examples: 90s, 30m, 24h, 7d).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lifetime of &quot;not found&quot; answers is not a duration (examples: 30m, 1h).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: the system&apos;s certificate authorities only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra CA certificates (PEM) trusted for GLEIF&apos;s hosts, for a proxy that inspects TLS. The desktop&apos;s proxy settings are used; a proxy that asks for a password is answered once per session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA &amp;bundle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also neutralise &amp;formulas in the file&apos;s own cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV export and copy put a &apos; before cells starting with = + - @ tab or CR, as they always do for text from GLEIF. Off: the file&apos;s cells are written unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic: the fresher of cache and GLEIF mirror, else the API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF API only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror only (no network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source of answers:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF &amp;mirror file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF mirror file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Update the GLEIF mirror when older than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When the window starts and before an Enrich, an existing mirror older than this is updated from GLEIF in the background; enriching goes on meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cache file cannot be used: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>Not looked up yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enriched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found in GLEIF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lookup failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost not computable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GLEIF has no record of this LEI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From an expired cache entry: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more fields than the header: the extra fields follow the added columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fewer fields than the header: the missing fields are left empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>row has %n fields, the header %1: the extra fields follow the added columns</source>
        <translation>
            <numerusform>row has %n field, the header %1: the extra fields follow the added columns</numerusform>
            <numerusform>row has %n fields, the header %1: the extra fields follow the added columns</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>row has %n fields, the header %1: the missing fields are left empty</source>
        <translation>
            <numerusform>row has %n field, the header %1: the missing fields are left empty</numerusform>
            <numerusform>row has %n fields, the header %1: the missing fields are left empty</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>thousands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>millions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>billions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trillions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Costs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tatuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Chart As...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Chart...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart shown as a PNG or SVG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a line to show its rows in the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no country)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(currency unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2: %3 (%Ln ok row(s))</source>
        <translation>
            <numerusform>%1 %2: %3 (%Ln ok row)</numerusform>
            <numerusform>%1 %2: %3 (%Ln ok rows)</numerusform>
        </translation>
    </message>
    <message>
        <source>Other %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more countries in %1: %2 (see the table below)</source>
        <translation>
            <numerusform>%n more country in %1: %2 (see the table below)</numerusform>
            <numerusform>%n more countries in %1: %2 (see the table below)</numerusform>
        </translation>
    </message>
    <message>
        <source>No ok rows: no costs to total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost totals of ok rows per country and currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %L2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rows with warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows by status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows by warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Costs by country and currency (ok rows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: a chart is saved as .png or .svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image could not be written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Xlsx::Conversion</name>
    <message>
        <source>%1: cannot make a temporary folder for the converted sheet: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write the converted sheet: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot write the converted sheet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Xlsx::RowParser</name>
    <message>
        <source>row number %1 is out of order or beyond the sheet&apos;s %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell reference &quot;%1&quot; is not within the sheet (A1 to XFD1048576)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell %1 is out of order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cell in row %1 names shared string %2, which does not exist</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Xlsx::Splitter</name>
    <message>
        <source>%1 has no &lt;%2&gt; within its first %3 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a row or string over %2 MiB long; refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged (it ends inside &lt;%2&gt;)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Xlsx::XmlFeed</name>
    <message>
        <source>%1 holds an element over %2 MiB long; refused</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Xlsx::ZipMember</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrupt or truncated ZIP file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 inflates to over %2 MiB; refused (a ZIP bomb?)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>XlsxSheet</name>
    <message>
        <source>not an XLSX workbook (no %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is a directory, not a workbook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an XLSX workbook (not a ZIP file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook has no sheets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no sheet named &quot;%1&quot; (sheets: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook names no part for sheet &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workbook has no %1 for sheet &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>row number %1 is out of order or beyond the sheet&apos;s %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>more than %1 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write the converted sheet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sheet is empty (no header row)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ZipSource</name>
    <message>
        <source>the ZIP file holds no file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the ZIP file holds more than one file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>corrupt or truncated ZIP file (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Enrich transaction CSVs with GLEIF LEI data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file to open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
