#include "goldencopygen.h"

#include "generatednames.h"
#include "lei.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <memory>
#include <numeric>

namespace {

// Direct parents every 10th entity, ultimate parents every 100th (counted past the samples).
constexpr qint64 kDirectGroup = 10;
constexpr qint64 kUltimateGroup = 100;

QString stamp(const QDateTime &publish)
{
    return publish.toUTC().toString(QStringLiteral("yyyyMMdd-HHmm"));
}

QString deltaSuffix(const QString &delta)
{
    if (delta.isEmpty())
        return QStringLiteral("golden-copy");
    QString s; // LastDay -> last-day
    for (QChar c : delta) {
        if (c.isUpper() && !s.isEmpty())
            s += u'-';
        s += c.toLower();
    }
    return s;
}

// Writes CSV rows to a plain file or to the one member of a ZIP.
class Writer
{
public:
    Writer(const QString &path, const QString &member, const GoldenCopyGenerator::FileOptions &options)
        : m_options(options), m_path(path)
    {
        if (options.zip) {
            m_archive = archive_write_new();
            archive_write_set_format_zip(m_archive);
            archive_write_zip_set_compression_deflate(m_archive);
            archive_write_set_options(m_archive, "zip:compression-level=1"); // fast; ignored if unknown
            m_ok = archive_write_open_filename(m_archive, QFile::encodeName(path).constData()) == ARCHIVE_OK;
            archive_entry *entry = archive_entry_new();
            archive_entry_set_pathname(entry, member.toUtf8().constData());
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            m_ok = m_ok && archive_write_header(m_archive, entry) == ARCHIVE_OK;
            archive_entry_free(entry);
        } else {
            m_file.setFileName(path);
            m_ok = m_file.open(QIODevice::WriteOnly | QIODevice::Truncate);
        }
        if (options.bom)
            m_buffer.append("\xEF\xBB\xBF");
    }
    ~Writer() { finish(); }

    // Every field quoted, as GLEIF writes them.
    void row(const QList<QByteArray> &fields, const std::vector<int> &order)
    {
        for (size_t k = 0; k < order.size(); ++k) {
            if (k)
                m_buffer.append(',');
            m_buffer.append('"');
            const QByteArray &f = fields[order[k]];
            if (f.contains('"'))
                m_buffer.append(QByteArray(f).replace("\"", "\"\""));
            else
                m_buffer.append(f);
            m_buffer.append('"');
        }
        m_buffer.append(m_options.crlf ? "\r\n" : "\n");
        if (m_buffer.size() > (1 << 20))
            flush();
    }
    QString finish()
    {
        if (m_done)
            return m_ok ? m_path : QString();
        m_done = true;
        flush();
        if (m_archive && m_options.secondMember) {
            archive_entry *entry = archive_entry_new();
            archive_entry_set_pathname(entry, "readme.txt");
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            m_ok = m_ok && archive_write_header(m_archive, entry) == ARCHIVE_OK
                && archive_write_data(m_archive, "extra\n", 6) == 6;
            archive_entry_free(entry);
        }
        if (m_archive) {
            m_ok = m_ok && archive_write_close(m_archive) == ARCHIVE_OK;
            archive_write_free(m_archive);
            m_archive = nullptr;
        } else {
            m_file.close();
        }
        return m_ok ? m_path : QString();
    }

private:
    void flush()
    {
        if (m_archive)
            m_ok = m_ok && archive_write_data(m_archive, m_buffer.constData(), size_t(m_buffer.size())) == m_buffer.size();
        else
            m_ok = m_ok && m_file.write(m_buffer) == m_buffer.size();
        m_buffer.clear();
    }
    GoldenCopyGenerator::FileOptions m_options;
    QString m_path;
    archive *m_archive = nullptr;
    QFile m_file;
    QByteArray m_buffer;
    bool m_ok = false;
    bool m_done = false;
};

// The header in the file's order, and where each of the generator's columns went.
std::vector<int> columnOrder(int count, bool shuffle)
{
    std::vector<int> order(size_t(count), 0);
    std::iota(order.begin(), order.end(), 0);
    if (shuffle)
        std::shuffle(order.begin(), order.end(), QRandomGenerator(42));
    return order;
}

// `name`: the CSV's (the ZIP's member); the ZIP is `name`.zip unless `zipName` is given.
QString writeFile(const QString &dir, const QString &name, const QStringList &header,
                  const GoldenCopyGenerator::FileOptions &options,
                  const std::function<void(const std::function<void(const QList<QByteArray> &)> &)> &rows,
                  const QString &zipName = QString())
{
    const QString path = dir + u'/' + (!options.zip ? name : zipName.isEmpty() ? name + QStringLiteral(".zip") : zipName);
    Writer writer(path, name, options);
    const std::vector<int> order = columnOrder(int(header.size()), options.shuffleColumns);
    QList<QByteArray> head;
    for (const QString &h : header)
        head.append(h.toUtf8());
    writer.row(head, order);
    rows([&](const QList<QByteArray> &fields) { writer.row(fields, order); });
    return writer.finish();
}

} // namespace

bool GoldenCopyGenerator::loadSamples(const QString &jsonPath)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    m_samples.clear();
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).array()) {
        Entity e;
        if (!GleifRecord::fromJson(v.toObject(), &e.record, false))
            return false;
        const QJsonObject attributes = v.toObject().value(u"attributes").toObject();
        const QJsonObject legalForm = attributes.value(u"entity").toObject().value(u"legalForm").toObject();
        e.legalFormCode = legalForm.value(u"id").toString();
        e.otherLegalForm = legalForm.value(u"other").toString();
        const QJsonObject registration = attributes.value(u"registration").toObject();
        e.initialRegistrationDate = registration.value(u"initialRegistrationDate").toString();
        e.managingLou = registration.value(u"managingLou").toString();
        m_samples.push_back(e);
    }
    return !m_samples.empty();
}

QString GoldenCopyGenerator::lei(qint64 index)
{
    // "5493" (a real LOU prefix) + 14 base-36 digits of the index + check digits.
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString body(14, u'0');
    for (int k = 13; k >= 0 && index > 0; --k, index /= 36)
        body[k] = QLatin1Char(digits[index % 36]);
    const QString first18 = QStringLiteral("5493") + body;
    return first18 + Lei::checkDigits(first18);
}

GoldenCopyGenerator::Entity GoldenCopyGenerator::entity(qint64 index, int version) const
{
    if (index < sampleCount()) {
        Entity e = m_samples[size_t(index)];
        if (version != 0) {
            e.record.legalName += version > 0 ? QStringLiteral(" (RENAMED)") : QStringLiteral(" (OLD)");
            e.record.lastUpdateDate = version > 0 ? QStringLiteral("2099-01-01T00:00:00Z") : QStringLiteral("2001-01-01T00:00:00Z");
        }
        return e;
    }
    static const char *const statuses[] = {"ISSUED", "ISSUED", "ISSUED", "LAPSED", "RETIRED", "PENDING_TRANSFER"};
    const qint64 n = index - sampleCount(); // the generated entity's own number
    Entity e;
    GleifRecord &r = e.record;
    r.lei = lei(index);
    const GeneratedNames::Name name = GeneratedNames::name(n);
    r.legalName = name.legalName;
    if (n % 13 == 5) { // comma, quotes, line end: "Hartford", Logistics\nLtd
        const qsizetype space = r.legalName.indexOf(u' ');
        r.legalName = u'"' + r.legalName.left(space) + QStringLiteral("\", ") + r.legalName.mid(space + 1);
        r.legalName[r.legalName.lastIndexOf(u' ')] = u'\n';
    }
    if (version > 0)
        r.legalName += QStringLiteral(" (RENAMED)");
    else if (version < 0)
        r.legalName += QStringLiteral(" (OLD)");
    e.legalNameLanguage = name.language;
    if (!name.otherName.isEmpty())
        r.otherNames = {name.otherName};
    if (!name.transliterated.isEmpty())
        e.transliteratedNames = {name.transliterated};
    e.city = name.city;
    r.country = name.legalCountry;
    r.hqCountry = QLatin1String(GeneratedNames::kCountries[(n / 10) % 10]);
    r.jurisdiction = r.country == u"US" ? QStringLiteral("US-DE") : r.country;
    r.category = n % 17 == 0 ? QStringLiteral("FUND") : QStringLiteral("GENERAL");
    if (n % 11 == 0) {
        e.legalFormCode = QStringLiteral("8888");
        e.otherLegalForm = QStringLiteral("OTHER FORM %1").arg(n % 5);
        r.legalForm = e.otherLegalForm;
    } else {
        e.legalFormCode = QStringLiteral("H0PO");
        r.legalForm = e.legalFormCode;
    }
    r.entityStatus = n % 23 == 0 ? QStringLiteral("INACTIVE") : QStringLiteral("ACTIVE");
    r.registrationStatus = QLatin1String(statuses[n % 6]);
    e.initialRegistrationDate = QStringLiteral("2014-03-01T09:00:00Z");
    r.lastUpdateDate = version > 0 ? QStringLiteral("2026-09-30T10:00:00.000+02:00") // 08:00 UTC
        : version < 0              ? QStringLiteral("2020-01-01T00:00:00Z")
                                   : QStringLiteral("2025-06-01T00:00:00Z");
    r.nextRenewalDate = QStringLiteral("2027-0%1-15T00:00:00Z").arg(1 + n % 9);
    if (n % 19 == 7)
        r.successorLei = lei(index + 1);
    e.managingLou = QStringLiteral("5493001KJTIIGC8Y1R12");
    if (n % 7 == 0) {
        QString bic = QStringLiteral("AAAA") + r.country + QStringLiteral("2L");
        for (qint64 k = n / 7, p = 3; p >= 0; --p, k /= 26)
            bic[p] = QLatin1Char(char('A' + k % 26));
        r.bics = {bic};
        if (n % 49 == 0)
            r.bics.append(bic + QStringLiteral("XXX"));
    }
    if (n % kDirectGroup != 0) {
        e.directParent = lei(index - n % kDirectGroup);
        if (version > 0 && n >= kDirectGroup) // a delta moves it under the previous group's head
            e.directParent = lei(index - n % kDirectGroup - kDirectGroup);
        r.directParent = GleifRecord::ParentLink::Reported;
    } else {
        e.directException = n % 20 == 0 ? QStringLiteral("NATURAL_PERSONS") : QStringLiteral("NON_CONSOLIDATING");
        r.directParent = GleifRecord::ParentLink::Exception;
    }
    if (n % kUltimateGroup != 0) {
        e.ultimateParent = lei(index - n % kUltimateGroup);
        r.ultimateParent = GleifRecord::ParentLink::Reported;
    } else {
        e.ultimateException = QStringLiteral("NO_KNOWN_PERSON");
        r.ultimateParent = GleifRecord::ParentLink::Exception;
    }
    return e;
}

QStringList GoldenCopyGenerator::lei2Header()
{
    // LEI-CDF 3.1 as GLEIF flattens it for the Golden Copy CSV. Built from the standard's
    // element order; the column names used by the mirror are checked against public code that
    // reads the real files, the order of the event block is our reading of the standard.
    QStringList h{QStringLiteral("LEI"), QStringLiteral("Entity.LegalName"), QStringLiteral("Entity.LegalName.xmllang")};
    for (const char *group : {"Entity.OtherEntityNames.OtherEntityName", "Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName"})
        for (int k = 1; k <= 5; ++k)
            h << QStringLiteral("%1.%2").arg(QLatin1String(group)).arg(k) << QStringLiteral("%1.%2.xmllang").arg(QLatin1String(group)).arg(k)
              << QStringLiteral("%1.%2.type").arg(QLatin1String(group)).arg(k);
    const QStringList address{QStringLiteral("FirstAddressLine"), QStringLiteral("AddressNumber"),
                              QStringLiteral("AddressNumberWithinBuilding"), QStringLiteral("MailRouting"),
                              QStringLiteral("AdditionalAddressLine.1"), QStringLiteral("AdditionalAddressLine.2"),
                              QStringLiteral("AdditionalAddressLine.3"), QStringLiteral("City"), QStringLiteral("Region"),
                              QStringLiteral("Country"), QStringLiteral("PostalCode")};
    for (const char *group : {"Entity.LegalAddress", "Entity.HeadquartersAddress"}) {
        h << QLatin1String(group) + QStringLiteral(".xmllang");
        for (const QString &a : address)
            h << QLatin1String(group) + u'.' + a;
    }
    for (const char *group : {"Entity.OtherAddresses.OtherAddress", "Entity.TransliteratedOtherAddresses.TransliteratedOtherAddress"})
        for (int k = 1; k <= 5; ++k) {
            const QString prefix = QStringLiteral("%1.%2.").arg(QLatin1String(group)).arg(k);
            h << prefix + QStringLiteral("xmllang") << prefix + QStringLiteral("type");
            for (const QString &a : address)
                h << prefix + a;
        }
    h << QStringLiteral("Entity.RegistrationAuthority.RegistrationAuthorityID")
      << QStringLiteral("Entity.RegistrationAuthority.OtherRegistrationAuthorityID")
      << QStringLiteral("Entity.RegistrationAuthority.RegistrationAuthorityEntityID")
      << QStringLiteral("Entity.LegalJurisdiction") << QStringLiteral("Entity.EntityCategory")
      << QStringLiteral("Entity.EntitySubCategory") << QStringLiteral("Entity.LegalForm.EntityLegalFormCode")
      << QStringLiteral("Entity.LegalForm.OtherLegalForm") << QStringLiteral("Entity.AssociatedEntity.type")
      << QStringLiteral("Entity.AssociatedEntity.AssociatedLEI") << QStringLiteral("Entity.AssociatedEntity.AssociatedEntityName")
      << QStringLiteral("Entity.AssociatedEntity.AssociatedEntityName.xmllang") << QStringLiteral("Entity.EntityStatus")
      << QStringLiteral("Entity.EntityCreationDate") << QStringLiteral("Entity.EntityExpirationDate")
      << QStringLiteral("Entity.EntityExpirationReason");
    for (int k = 1; k <= 5; ++k)
        h << QStringLiteral("Entity.SuccessorEntity.%1.SuccessorLEI").arg(k)
          << QStringLiteral("Entity.SuccessorEntity.%1.SuccessorEntityName").arg(k)
          << QStringLiteral("Entity.SuccessorEntity.%1.SuccessorEntityName.xmllang").arg(k);
    for (int k = 1; k <= 5; ++k) {
        const QString prefix = QStringLiteral("Entity.LegalEntityEvents.LegalEntityEvent.%1.").arg(k);
        for (const char *f : {"group_type", "event_status", "group_id", "group_sequence_no", "LegalEntityEventType",
                              "LegalEntityEventEffectiveDate", "LegalEntityEventRecordedDate", "ValidationDocuments",
                              "ValidationReference"})
            h << prefix + QLatin1String(f);
        for (int a = 1; a <= 5; ++a)
            h << prefix + QStringLiteral("AffectedFields.AffectedField.%1").arg(a)
              << prefix + QStringLiteral("AffectedFields.AffectedField.%1.xpath").arg(a);
    }
    h << QStringLiteral("Registration.InitialRegistrationDate") << QStringLiteral("Registration.LastUpdateDate")
      << QStringLiteral("Registration.RegistrationStatus") << QStringLiteral("Registration.NextRenewalDate")
      << QStringLiteral("Registration.ManagingLOU") << QStringLiteral("Registration.ValidationSources");
    const QStringList authority{QStringLiteral("ValidationAuthorityID"), QStringLiteral("OtherValidationAuthorityID"),
                                QStringLiteral("ValidationAuthorityEntityID")};
    for (const QString &a : authority)
        h << QStringLiteral("Registration.ValidationAuthority.") + a;
    for (int k = 1; k <= 5; ++k)
        for (const QString &a : authority)
            h << QStringLiteral("Registration.OtherValidationAuthorities.OtherValidationAuthority.%1.").arg(k) + a;
    h << QStringLiteral("ConformityFlag");
    return h;
}

QString GoldenCopyGenerator::writeLei2(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                                       const FileOptions &options) const
{
    const QStringList header = lei2Header();
    const auto at = [&header](const char *name) { return int(header.indexOf(QLatin1String(name))); };
    const int cLei = at("LEI"), cName = at("Entity.LegalName"), cCountry = at("Entity.LegalAddress.Country"),
              cHq = at("Entity.HeadquartersAddress.Country"), cJur = at("Entity.LegalJurisdiction"),
              cCat = at("Entity.EntityCategory"), cForm = at("Entity.LegalForm.EntityLegalFormCode"),
              cFormOther = at("Entity.LegalForm.OtherLegalForm"), cStatus = at("Entity.EntityStatus"),
              cReg = at("Registration.RegistrationStatus"), cInitial = at("Registration.InitialRegistrationDate"),
              cLast = at("Registration.LastUpdateDate"), cNext = at("Registration.NextRenewalDate"),
              cSucc = at("Entity.SuccessorEntity.1.SuccessorLEI"), cLou = at("Registration.ManagingLOU"),
              cOther = at("Entity.OtherEntityNames.OtherEntityName.1"), cCity = at("Entity.LegalAddress.City"),
              cFlag = at("ConformityFlag"), cNameLang = at("Entity.LegalName.xmllang"),
              cTranslit = at("Entity.TransliteratedOtherEntityNames.TransliteratedOtherEntityName.1");
    const QString name = stamp(publish) + QStringLiteral("-gleif-goldencopy-lei2-") + deltaSuffix(options.delta) + QStringLiteral(".csv");
    return writeFile(dir, name, header, options, [&](const auto &emit) {
        QList<QByteArray> f(header.size());
        for (const Range &range : ranges)
            for (qint64 i = range.first; i < range.end; ++i) {
                const Entity e = entity(i, range.version);
                const GleifRecord &r = e.record;
                f[cLei] = r.lei.toUtf8();
                f[cName] = r.legalName.toUtf8();
                f[cNameLang] = e.legalNameLanguage.isEmpty() ? QByteArray("en") : e.legalNameLanguage.toUtf8();
                for (int k = 0; k < 5; ++k) {
                    f[cOther + 3 * k] = k < r.otherNames.size() ? r.otherNames[k].toUtf8() : QByteArray();
                    f[cOther + 3 * k + 2] = k < r.otherNames.size() ? QByteArray("ALTERNATIVE_LANGUAGE_LEGAL_NAME") : QByteArray();
                }
                for (int k = 0; k < 5; ++k) {
                    const bool has = k < e.transliteratedNames.size();
                    f[cTranslit + 3 * k] = has ? e.transliteratedNames[k].toUtf8() : QByteArray();
                    f[cTranslit + 3 * k + 1] = has ? QByteArray("en") : QByteArray();
                    f[cTranslit + 3 * k + 2] = has ? QByteArray("AUTO_ASCII_TRANSLITERATED_LEGAL_NAME") : QByteArray();
                }
                f[cCity] = e.city.isEmpty() ? QByteArray("City") : e.city.toUtf8();
                f[cCountry] = r.country.toUtf8();
                f[cHq] = r.hqCountry.toUtf8();
                f[cJur] = r.jurisdiction.toUtf8();
                f[cCat] = r.category.toUtf8();
                f[cForm] = e.legalFormCode.toUtf8();
                f[cFormOther] = e.otherLegalForm.toUtf8();
                f[cStatus] = r.entityStatus.toUtf8();
                f[cReg] = r.registrationStatus.toUtf8();
                f[cInitial] = e.initialRegistrationDate.toUtf8();
                f[cLast] = r.lastUpdateDate.toUtf8();
                f[cNext] = r.nextRenewalDate.toUtf8();
                f[cSucc] = r.successorLei.toUtf8();
                f[cLou] = e.managingLou.toUtf8();
                f[cFlag] = "CONFORMING";
                emit(f);
            }
    });
}

QString GoldenCopyGenerator::writeRelationships(const QString &dir, const QDateTime &publish,
                                                const QList<Range> &ranges, const FileOptions &options) const
{
    const QStringList header{QStringLiteral("Relationship.StartNode.NodeID"), QStringLiteral("Relationship.StartNode.NodeIDType"),
                             QStringLiteral("Relationship.EndNode.NodeID"), QStringLiteral("Relationship.EndNode.NodeIDType"),
                             QStringLiteral("Relationship.RelationshipType"), QStringLiteral("Relationship.RelationshipStatus"),
                             QStringLiteral("Relationship.Period.1.startDate"), QStringLiteral("Relationship.Period.1.endDate"),
                             QStringLiteral("Relationship.Period.1.periodType"),
                             QStringLiteral("Registration.InitialRegistrationDate"), QStringLiteral("Registration.LastUpdateDate"),
                             QStringLiteral("Registration.RegistrationStatus"), QStringLiteral("Registration.NextRenewalDate"),
                             QStringLiteral("Registration.ManagingLOU"), QStringLiteral("Registration.ValidationSources")};
    const QString name = stamp(publish) + QStringLiteral("-gleif-goldencopy-rr-") + deltaSuffix(options.delta) + QStringLiteral(".csv");
    return writeFile(dir, name, header, options, [&](const auto &emit) {
        const auto relationship = [&](const QString &child, const QString &parent, const char *type, const char *status,
                                      const QString &updated) {
            emit({child.toUtf8(), "LEI", parent.toUtf8(), "LEI", type, status, "2018-01-01T00:00:00Z", "",
                  "RELATIONSHIP_PERIOD", "2018-01-01T00:00:00Z", updated.toUtf8(), "PUBLISHED",
                  "2027-01-01T00:00:00Z", "5493001KJTIIGC8Y1R12", "FULLY_CORROBORATED"});
        };
        for (const Range &range : ranges)
            for (qint64 i = range.first; i < range.end; ++i) {
                const Entity e = entity(i, range.version);
                if (range.version > 0 && !e.directParent.isEmpty()) // the old parent's link ends
                    relationship(e.record.lei, entity(i, 0).directParent, "IS_DIRECTLY_CONSOLIDATED_BY", "INACTIVE",
                                 e.record.lastUpdateDate);
                if (!e.directParent.isEmpty())
                    relationship(e.record.lei, e.directParent, "IS_DIRECTLY_CONSOLIDATED_BY", "ACTIVE", e.record.lastUpdateDate);
                if (!e.ultimateParent.isEmpty())
                    relationship(e.record.lei, e.ultimateParent, "IS_ULTIMATELY_CONSOLIDATED_BY", "ACTIVE", e.record.lastUpdateDate);
                if (i % 5 == 1) // other kinds of relationship are not parents
                    relationship(e.record.lei, lei(i + 2), "IS_FUND-MANAGED_BY", "ACTIVE", e.record.lastUpdateDate);
            }
    });
}

QString GoldenCopyGenerator::writeExceptions(const QString &dir, const QDateTime &publish,
                                             const QList<Range> &ranges, const FileOptions &options) const
{
    const QStringList header{QStringLiteral("LEI"), QStringLiteral("Exception.Category"), QStringLiteral("Exception.Reason.1"),
                             QStringLiteral("Exception.Reason.2"), QStringLiteral("Exception.Reference.1"),
                             QStringLiteral("Exception.Reference.2")};
    const QString name = stamp(publish) + QStringLiteral("-gleif-goldencopy-repex-") + deltaSuffix(options.delta) + QStringLiteral(".csv");
    return writeFile(dir, name, header, options, [&](const auto &emit) {
        for (const Range &range : ranges)
            for (qint64 i = range.first; i < range.end; ++i) {
                const Entity e = entity(i, range.version);
                if (!e.directException.isEmpty())
                    emit({e.record.lei.toUtf8(), "DIRECT_ACCOUNTING_CONSOLIDATION_PARENT", e.directException.toUtf8(), "", "", ""});
                if (!e.ultimateException.isEmpty())
                    emit({e.record.lei.toUtf8(), "ULTIMATE_ACCOUNTING_CONSOLIDATION_PARENT", e.ultimateException.toUtf8(), "", "", ""});
            }
    });
}

QString GoldenCopyGenerator::writeBicMap(const QString &dir, const QDateTime &publish, const QList<Range> &ranges,
                                         const FileOptions &options) const
{
    const QString base = QStringLiteral("LEI-BIC-") + publish.toUTC().toString(QStringLiteral("yyyyMMdd"));
    const QString name = base + QStringLiteral(".csv");
    const QStringList header = options.bicLeiOrder ? QStringList{QStringLiteral("BIC"), QStringLiteral("LEI")}
                                                   : QStringList{QStringLiteral("LEI"), QStringLiteral("BIC")};
    return writeFile(dir, name, header, options, [&](const auto &emit) {
        for (const Range &range : ranges)
            for (qint64 i = range.first; i < range.end; ++i) {
                const Entity e = entity(i, range.version);
                for (const QString &bic : e.record.bics) {
                    if (options.bicLeiOrder)
                        emit({bic.toUtf8(), e.record.lei.toUtf8()});
                    else
                        emit({e.record.lei.toUtf8(), bic.toUtf8()});
                }
            }
    }, base + QStringLiteral(".zip"));
}
