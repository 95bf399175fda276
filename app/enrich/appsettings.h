#pragma once

#include "enrichmentjob.h"

#include <QString>
#include <QStringList>

class QSettings;

// What the desktop application remembers between runs (QSettings). The command line reads none
// of it: scripts get the same result on every machine.
struct AppSettings
{
    // The desktop's defaults: answers from the fresher of cache and mirror, else the API.
    EnrichmentSettings enrichment = [] {
        EnrichmentSettings e;
        e.source = EnrichmentSettings::DefaultSource;
        return e;
    }();
    QString rulesPath; // empty: the bundled rules
    QString language;  // empty: follow the system; else "en", "de"
    // Export and copy put a ' before the input's own cells that a spreadsheet would run as
    // formulas, as they always do for GLEIF's text (--neutralise-formulas). Off by default.
    bool neutraliseFormulas = false;
    // The desktop updates the GLEIF mirror in the background when it is older than this many
    // hours, when the window starts and before an Enrich (a mirror must exist); 0: never, the default.
    int mirrorUpdateHours = 0;
    static constexpr int maxMirrorUpdateHours = 24 * 365;

    // Stored values load() refused (not a number, 0, out of range, an unknown field name), one
    // line each: the default is used instead, so a stored timeout of 0 never means "no timeout".
    QStringList ignored;

    // Defaults, with LEI_ENRICHER_API_URL / _CACHE / _TTL / _CA_BUNDLE applied, then what
    // `settings` holds. Proxy credentials are never among them (asked, kept for the session).
    static AppSettings load(QSettings &settings);
    void save(QSettings &settings) const;

    // Reasons the values cannot be used, one per problem ("the API URL must start with
    // http:// or https://"); empty when they are fine.
    QStringList problems() const;
};
