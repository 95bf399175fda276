#pragma once

#include <QString>
#include <QStringList>

class QCoreApplication;

// Installs the application's translation (from the resources, ":/i18n/lei-enricher_<lang>.qm")
// and Qt's own (qtbase_<lang>.qm from the Qt installation, for the standard buttons and dialogs).
// `language` empty: the first of the system's UI languages (QLocale::uiLanguages()) we have a
// translation for; "en" or "de": that one. English is the source language: its file only holds
// plural forms. Calling it again replaces the earlier translators. Returns the language in use.
QString installTranslations(QCoreApplication &app, const QString &language);

// The languages there is a translation for, source language first: "en", "de".
QStringList availableLanguages();
