#pragma once

#include "gleifrecord.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

struct GoldenCopyFileOptions
{
    bool zip = true;
    bool bom = false;
    bool crlf = false;
    bool shuffleColumns = false;  // same columns in another order
    bool bicLeiOrder = false;     // the BIC map's older BIC,LEI header
    QString delta;                // empty: a full file; else IntraDay, LastDay, LastWeek, LastMonth
    bool secondMember = false;    // a second file in the ZIP (GLEIF's hold one): for error tests
};

// Writes Golden Copy files (LEI2 with the full 338-column LEI-CDF 3.1 header, RR, repex, BIC
// map) for tests and benchmarks, zipped with one member named like GLEIF's, or plain CSV. Every
// record is a pure function of (index, version), so any number of records costs no memory and a
// test can check a mirror's answers against entity(i). Indexes below sampleCount() are the
// fake GLEIF's sample entities (resources/gleif_sample_records.json) when loaded.
class GoldenCopyGenerator
{
public:
    struct Entity
    {
        GleifRecord record;          // lei, names, countries, statuses, dates, bics, ...
        QString legalNameLanguage;   // Entity.LegalName.xmllang (empty: en)
        QStringList transliteratedNames; // Entity.TransliteratedOtherEntityNames.*
        QString city;                // Entity.LegalAddress.City
        QString legalFormCode;       // Entity.LegalForm.EntityLegalFormCode
        QString otherLegalForm;      // Entity.LegalForm.OtherLegalForm
        QString initialRegistrationDate;
        QString managingLou;
        QString directParent, ultimateParent;        // LEIs, empty when none
        QString directException, ultimateException;  // reasons, empty when none
    };
    // Versions: 0 the base record; 1 a newer change (later LastUpdateDate); -1 an older one.
    struct Range
    {
        qint64 first = 0;
        qint64 end = 0;
        int version = 0;
    };
    using FileOptions = GoldenCopyFileOptions;

    // Loads the sample entities (the fake GLEIF's) to stand first; false if unreadable.
    bool loadSamples(const QString &jsonPath);
    qint64 sampleCount() const { return qint64(m_samples.size()); }

    Entity entity(qint64 index, int version = 0) const;
    static QString lei(qint64 index);

    static QStringList lei2Header();

    // Each returns the path written (empty on failure) in `dir`, named like GLEIF's files for
    // `publish`. The ranges say which records and in which version.
    QString writeLei2(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                      const FileOptions &options = {}) const;
    QString writeRelationships(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                               const FileOptions &options = {}) const;
    QString writeExceptions(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                            const FileOptions &options = {}) const;
    QString writeBicMap(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                        const FileOptions &options = {}) const;

private:
    std::vector<Entity> m_samples;
};
