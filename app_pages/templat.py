"""Templates & form (Templat & formulir): an upload template per kind, the survey's XLSForm for
KoboToolbox and ODK Central, and the data dictionary behind both."""

import streamlit as st

from bebenah import forms, page
from bebenah.i18n import language, number, t

page.setup("uploader", area_filters=False)
lang = language()
st.title(t("forms.title"))
st.caption(t("forms.intro"))

# Built only when clicked: eight workbooks on every rerun would slow the page for nothing.
st.subheader(t("forms.templates_title"))
for kind in forms.KINDS:
    dictionary = forms.dictionary(kind, lang)
    with st.container(border=True):
        name, csv_column, xlsx_column = st.columns([2, 1, 1], vertical_alignment="center")
        name.markdown(f"**{t(f'upload.kind.{kind}').capitalize()}**")
        name.caption(t("forms.columns_count", n=number(len(dictionary)),
                       required=number(int((dictionary.wajib == t("forms.dict.ya")).sum()))))
        csv_column.download_button(
            t("forms.download_csv"), data=lambda kind=kind: forms.template_csv(kind), file_name=f"templat_{kind}.csv",
            mime="text/csv", key=f"template_csv_{kind}", width="stretch",
        )
        xlsx_column.download_button(
            t("forms.download_xlsx"), data=lambda kind=kind: forms.template_xlsx(kind, lang),
            file_name=f"templat_{kind}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"template_xlsx_{kind}", width="stretch",
        )

st.subheader(t("forms.form_title"))
summary = forms.summary()
st.caption(t("forms.form_caption", form_id=summary["form_id"],
             questions=number(summary["questions"]), groups=number(summary["groups"])))
st.markdown(t("forms.form_howto"))
st.download_button(
    t("forms.download_form"), data=forms.xlsform_xlsx, file_name=f"{forms.FORM_ID}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="xlsform", type="primary",
)

st.subheader(t("forms.dictionary_title"))
kind = st.selectbox(t("forms.dictionary_kind"), forms.KINDS, key="dictionary_kind",
                    format_func=lambda code: t(f"upload.kind.{code}", lang).capitalize())
table = forms.dictionary_sheet(kind, lang)
st.caption(t("forms.dictionary_caption", n=number(len(table)), kind=t(f"upload.kind.{kind}")))
widths = {"kolom": "medium", "wajib": "small", "nilai": "large", "catatan": "large"}
st.dataframe(table, hide_index=True, key="dictionary_table", height=min(38 + 35 * len(table), 600),
             column_config={t(f"forms.dict.{column}"): st.column_config.TextColumn(width=width)
                            for column, width in widths.items()})
