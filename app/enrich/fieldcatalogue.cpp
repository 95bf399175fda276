#include "fieldcatalogue.h"

#include <QCoreApplication>
#include <QStringList>

namespace Fields {

const QVector<Info> &catalogue()
{
    // QT_TRANSLATE_NOOP: the meanings are translated where they are shown (meaning()).
    static const QVector<Info> list{
        {Id::LegalName, "legalName", QT_TRANSLATE_NOOP("Fields", "The entity's legal name"), Kind::Text, false},
        {Id::Bic, "bic", QT_TRANSLATE_NOOP("Fields", "Every BIC of the entity, in GLEIF's order"), Kind::List, false},
        {Id::Country, "country", QT_TRANSLATE_NOOP("Fields", "Country of the legal address (ISO 3166)"), Kind::Text, false},
        {Id::HqCountry, "hqCountry", QT_TRANSLATE_NOOP("Fields", "Country of the headquarters address"), Kind::Text, false},
        {Id::Jurisdiction, "jurisdiction", QT_TRANSLATE_NOOP("Fields", "Legal jurisdiction"), Kind::Text, false},
        {Id::LegalForm, "legalForm", QT_TRANSLATE_NOOP("Fields", "Legal form (ISO 20275 ELF code, else as written)"), Kind::Text, false},
        {Id::Category, "category", QT_TRANSLATE_NOOP("Fields", "Entity category (GENERAL, BRANCH, FUND, ...)"), Kind::Text, false},
        {Id::OtherNames, "otherNames", QT_TRANSLATE_NOOP("Fields", "Other names of the entity"), Kind::List, false},
        {Id::EntityStatus, "entityStatus", QT_TRANSLATE_NOOP("Fields", "Entity status (ACTIVE, INACTIVE)"), Kind::Text, false},
        {Id::RegistrationStatus, "registrationStatus", QT_TRANSLATE_NOOP("Fields", "LEI registration status (ISSUED, LAPSED, RETIRED, ...)"), Kind::Text, false},
        {Id::NextRenewalDate, "nextRenewalDate", QT_TRANSLATE_NOOP("Fields", "When the LEI must next be renewed"), Kind::Date, false},
        {Id::LastUpdateDate, "lastUpdateDate", QT_TRANSLATE_NOOP("Fields", "When GLEIF last updated the record"), Kind::Date, false},
        {Id::SuccessorLei, "successorLei", QT_TRANSLATE_NOOP("Fields", "LEI of the successor entity (after a merger)"), Kind::Text, false},
        {Id::DirectParentLei, "directParentLei", QT_TRANSLATE_NOOP("Fields", "LEI of the direct accounting-consolidation parent"), Kind::Text, true},
        {Id::DirectParentName, "directParentName", QT_TRANSLATE_NOOP("Fields", "Legal name of the direct parent"), Kind::Text, true},
        {Id::DirectParentException, "directParentException", QT_TRANSLATE_NOOP("Fields", "Why no direct parent is reported (e.g. NON_CONSOLIDATING)"), Kind::Text, true},
        {Id::UltimateParentLei, "ultimateParentLei", QT_TRANSLATE_NOOP("Fields", "LEI of the ultimate accounting-consolidation parent"), Kind::Text, true},
        {Id::UltimateParentName, "ultimateParentName", QT_TRANSLATE_NOOP("Fields", "Legal name of the ultimate parent"), Kind::Text, true},
        {Id::UltimateParentException, "ultimateParentException", QT_TRANSLATE_NOOP("Fields", "Why no ultimate parent is reported"), Kind::Text, true},
        {Id::LeiWarning, "leiWarning", QT_TRANSLATE_NOOP("Fields", "LEI health warnings (lapsed, retired, renewal_due, ...)"), Kind::List, false},
        {Id::DataAsOf, "dataAsOf", QT_TRANSLATE_NOOP("Fields", "When the answer was true (fetch time)"), Kind::DateTime, false},
        {Id::DataSource, "dataSource", QT_TRANSLATE_NOOP("Fields", "Where the answer came from (cache, mirror, api)"), Kind::Text, false},
    };
    return list;
}

const Info &info(Id id)
{
    return catalogue()[int(id)]; // in enum order
}

QString name(Id id)
{
    return QString::fromLatin1(info(id).name);
}

QString meaning(Id id)
{
    return QCoreApplication::translate("Fields", info(id).meaning);
}

QVector<Id> defaults()
{
    return {Id::LegalName, Id::Bic, Id::Country};
}

QVector<Id> all()
{
    QVector<Id> ids;
    for (const Info &i : catalogue())
        ids.append(i.id);
    return ids;
}

std::optional<Id> fromName(const QString &name)
{
    for (const Info &i : catalogue()) {
        if (name == QLatin1String(i.name))
            return i.id;
    }
    return std::nullopt;
}

std::optional<QVector<Id>> parse(const QString &list, QString *error)
{
    const auto validNames = [] {
        QStringList names;
        for (const Info &i : catalogue())
            names << QString::fromLatin1(i.name);
        return names.join(QStringLiteral(", "));
    };
    if (list.trimmed() == u"all")
        return all();
    QVector<Id> ids;
    for (const QString &part : list.split(u',')) {
        const QString name = part.trimmed();
        const std::optional<Id> id = fromName(name);
        if (!id) {
            *error = name.isEmpty()
                ? QCoreApplication::translate("Fields", "an empty field name in \"%1\" (valid: all, %2)").arg(list, validNames())
                : QCoreApplication::translate("Fields", "unknown field \"%1\" (valid: all, %2)").arg(name, validNames());
            return std::nullopt;
        }
        if (ids.contains(*id)) {
            *error = QCoreApplication::translate("Fields", "field \"%1\" is named twice").arg(name);
            return std::nullopt;
        }
        ids.append(*id);
    }
    return ids;
}

} // namespace Fields
