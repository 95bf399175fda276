#include "translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QStringList>
#include <QTranslator>

namespace {

// The language of the first entry in `uiLanguages` ("de-DE", "de", "en-GB") we can show.
QString pickLanguage(const QStringList &uiLanguages)
{
    const QStringList available = availableLanguages();
    for (const QString &name : uiLanguages) {
        const QString code = QLocale(name).name().section(u'_', 0, 0);
        if (available.contains(code))
            return code;
    }
    return QStringLiteral("en");
}

} // namespace

QStringList availableLanguages()
{
    return { QStringLiteral("en"), QStringLiteral("de") };
}

QString installTranslations(QCoreApplication &app, const QString &language)
{
    // Calling it again (tests do) replaces what an earlier call installed.
    for (QTranslator *old : app.findChildren<QTranslator *>(QStringLiteral("leiTranslator"), Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }

    QString code = language.isEmpty() ? pickLanguage(QLocale::system().uiLanguages()) : language;
    if (!availableLanguages().contains(code))
        code = QStringLiteral("en");
    // English is the source language; its file holds only the plural forms of "%n file(s)".

    // Numbers and dates in the window follow the chosen language (never in exports: those do
    // not read the default locale). English keeps an English or C system locale (en_GB stays
    // en_GB) and is US English otherwise.
    const QLocale system = QLocale::system();
    if (code != u"en")
        QLocale::setDefault(QLocale(code));
    else if (system.language() == QLocale::English || system.language() == QLocale::C)
        QLocale::setDefault(system);
    else
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));

    auto *own = new QTranslator(&app);
    own->setObjectName(QStringLiteral("leiTranslator"));
    if (own->load(QStringLiteral(":/i18n/lei-enricher_") + code))
        QCoreApplication::installTranslator(own);
    else
        delete own;

    if (code == u"en")
        return code;
    // Qt's own strings (OK/Cancel, file dialogs); optional: qt6-translations-l10n may be missing.
    auto *qt = new QTranslator(&app);
    qt->setObjectName(QStringLiteral("leiTranslator"));
    if (qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return code;
}
