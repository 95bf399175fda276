#pragma once

#include "appsettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

// Edits AppSettings; OK is refused, with the reasons shown, while a value cannot be used.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // The values as entered (valid once accepted).
    AppSettings settings() const;
    QString problemText() const;

    void accept() override;

private:
    QLineEdit *m_apiUrl = nullptr;
    QLineEdit *m_lifetime = nullptr;
    QLineEdit *m_notFoundLifetime = nullptr;
    QSpinBox *m_rpm = nullptr;
    QSpinBox *m_batch = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_timeout = nullptr;
    QLineEdit *m_cachePath = nullptr;
    QLineEdit *m_rulesPath = nullptr;
    QLineEdit *m_caBundle = nullptr;
    AppSettings m_original; // what the dialog does not show (fields) comes back unchanged
    QComboBox *m_source = nullptr; // data: EnrichmentSettings::Source
    QLineEdit *m_mirrorPath = nullptr;
    QCheckBox *m_mirrorUpdate = nullptr; // "Update the GLEIF mirror when older than" m_mirrorUpdateHours
    QSpinBox *m_mirrorUpdateHours = nullptr;
    QString m_language; // as stored
    QComboBox *m_languageBox = nullptr; // data "": the system's language, "en", "de"
    QCheckBox *m_neutraliseFormulas = nullptr;
    QLabel *m_problems = nullptr;
};
