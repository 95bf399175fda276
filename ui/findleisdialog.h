#pragma once

#include "matchstage.h"

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;

// Enrich > Find LEIs...: which columns of the open file hold the counterparty's name (required),
// country and BIC (optional), and whether probable matches are enriched too (--accept probable).
// Columns are proposed by their header names.
class FindLeisDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FindLeisDialog)
public:
    // `current`: the file's earlier choice (name -1: none yet, the columns are proposed).
    explicit FindLeisDialog(const QStringList &header, const MatchColumns &current, QWidget *parent = nullptr);
    ~FindLeisDialog() override;

    MatchColumns columns() const;
    // The columns whose names say name, country and BIC (-1 where none does).
    static MatchColumns proposed(const QStringList &header);

    QComboBox *nameBox() const { return m_name; }
    QComboBox *countryBox() const { return m_country; }
    QComboBox *bicBox() const { return m_bic; }
    QCheckBox *acceptProbableBox() const { return m_acceptProbable; }

private:
    QComboBox *m_name;
    QComboBox *m_country; // item 0: none
    QComboBox *m_bic;     // item 0: none
    QCheckBox *m_acceptProbable;
};
