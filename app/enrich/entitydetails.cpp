#include "entitydetails.h"

#include "gleifrecord.h"
#include "leicache.h"
#include "mirrorstore.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("EntityDetails", text);
}

// "1 Main Street, London, EC1 2AB, GB" from a GLEIF address object.
QString address(const QJsonObject &a)
{
    QStringList parts;
    for (const QJsonValue &line : a.value(u"addressLines").toArray())
        parts << line.toString();
    for (const char *key : {"city", "region", "postalCode", "country"})
        parts << a.value(QLatin1String(key)).toString();
    parts.removeAll(QString());
    return parts.join(QStringLiteral(", "));
}

void add(EntityDetails &d, const QString &label, const QString &value)
{
    if (!value.trimmed().isEmpty())
        d.fields.append({label, value});
}

void addRecord(EntityDetails &d, const GleifRecord &r)
{
    add(d, QCoreApplication::translate("EntityDetails", "Legal name"), r.legalName);
    add(d, QCoreApplication::translate("EntityDetails", "Other names"), r.otherNames.join(QStringLiteral("; ")));
    add(d, QCoreApplication::translate("EntityDetails", "Legal address country"), r.country);
    add(d, QCoreApplication::translate("EntityDetails", "Headquarters country"), r.hqCountry);
    add(d, QCoreApplication::translate("EntityDetails", "Jurisdiction"), r.jurisdiction);
    add(d, QCoreApplication::translate("EntityDetails", "Legal form"), r.legalForm);
    add(d, QCoreApplication::translate("EntityDetails", "Category"), r.category);
    add(d, QCoreApplication::translate("EntityDetails", "Entity status"), r.entityStatus);
    add(d, QCoreApplication::translate("EntityDetails", "Registration status"), r.registrationStatus);
    add(d, QCoreApplication::translate("EntityDetails", "Next renewal"), r.nextRenewalDate);
    add(d, QCoreApplication::translate("EntityDetails", "Last update"), r.lastUpdateDate);
    add(d, QCoreApplication::translate("EntityDetails", "BICs"), r.bics.join(QStringLiteral("; ")));
    add(d, QCoreApplication::translate("EntityDetails", "Successor LEI"), r.successorLei);
}

} // namespace

QString EntityDetails::searchUrl(const QString &lei)
{
    return QStringLiteral("https://search.gleif.org/#/record/") + lei;
}

EntityDetails EntityDetails::load(const QString &lei, const QString &cachePath, const QString &mirrorPath)
{
    EntityDetails d;
    d.lei = lei;
    CachedAnswer cached;
    bool inCache = false;
    {
        LeiCache cache;
        const QString path = LeiCache::resolvePath(cachePath);
        if (QFileInfo::exists(path) && cache.open(path)) {
            const auto answers = cache.lookup({lei}, LeiCache::RawRecord::Include);
            inCache = answers.contains(lei) && answers.value(lei).result.outcome == LookupOutcome::Found;
            if (inCache)
                cached = answers.value(lei);
        }
    }
    MirrorAnswer mirrored;
    bool inMirror = false;
    {
        MirrorStore mirror;
        const QString path = MirrorStore::resolvePath(mirrorPath);
        if (QFileInfo::exists(path) && mirror.open(path)) {
            const auto answers = mirror.lookup({lei});
            inMirror = answers.contains(lei);
            if (inMirror)
                mirrored = answers.value(lei);
        }
    }
    if (inMirror && (!inCache || mirrored.publishDate > cached.result.fetchedAt)) {
        d.source = QStringLiteral("mirror");
        d.asOf = mirrored.publishDate;
        addRecord(d, mirrored.record);
        add(d, tr("Initial registration"), mirrored.initialRegistrationDate);
        add(d, tr("Managing LOU"), mirrored.managingLou);
        const auto parent = [](const MirrorParent &p) {
            return !p.lei.isEmpty() ? (p.name.isEmpty() ? p.lei : QStringLiteral("%1 (%2)").arg(p.lei, p.name)) : p.exception;
        };
        add(d, tr("Direct parent"), parent(mirrored.directParent));
        add(d, tr("Ultimate parent"), parent(mirrored.ultimateParent));
        return d;
    }
    if (!inCache) {
        d.error = tr("Nothing is held about %1 yet: enrich the file first.").arg(lei);
        return d;
    }
    d.source = QStringLiteral("cache");
    d.asOf = cached.result.fetchedAt;
    GleifRecord record = cached.result.record;
    const QJsonObject raw = QJsonDocument::fromJson(record.rawJson).object();
    if (!raw.isEmpty())
        GleifRecord::fromJson(raw, &record, false);
    addRecord(d, record);
    const QJsonObject entity = raw.value(u"attributes").toObject().value(u"entity").toObject();
    const QJsonObject registration = raw.value(u"attributes").toObject().value(u"registration").toObject();
    add(d, tr("Legal address"), address(entity.value(u"legalAddress").toObject()));
    add(d, tr("Headquarters address"), address(entity.value(u"headquartersAddress").toObject()));
    add(d, tr("Initial registration"), registration.value(u"initialRegistrationDate").toString());
    add(d, tr("Managing LOU"), registration.value(u"managingLou").toString());
    if (!raw.isEmpty())
        d.rawJson = QJsonDocument(raw).toJson(QJsonDocument::Indented);
    return d;
}
