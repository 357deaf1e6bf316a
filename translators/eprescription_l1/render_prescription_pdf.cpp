#include "translators/eprescription_l1/render_prescription_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>
#include <vector>

#include "translators/eprescription_l3/describe_item.hpp"

namespace ncpeh::translators::eprescription_l1 {

namespace {

// A4 in PDF points; margins of 2 cm.
constexpr double page_width = 595.0;
constexpr double page_height = 842.0;
constexpr double margin = 56.0;
constexpr double label_width = 170.0;

struct surface_deleter {
    void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
struct context_deleter {
    void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct layout_deleter {
    void operator()(PangoLayout* l) const noexcept { g_object_unref(l); }
};
struct font_deleter {
    void operator()(PangoFontDescription* f) const noexcept { pango_font_description_free(f); }
};

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// "20250303101500+0100" → "2025-03-03T10:15:00+01:00" (the form cairo's metadata expects).
std::string pdf_date(std::string_view ts) {
    if (ts.size() < 8) {
        return "2000-01-01T00:00:00Z";
    }
    std::string date = std::string(ts.substr(0, 4)) + "-" + std::string(ts.substr(4, 2)) + "-" +
                       std::string(ts.substr(6, 2));
    if (ts.size() >= 14) {
        date += "T" + std::string(ts.substr(8, 2)) + ":" + std::string(ts.substr(10, 2)) + ":" +
                std::string(ts.substr(12, 2));
        if (ts.size() >= 19) {
            date += std::string(ts.substr(14, 3)) + ":" + std::string(ts.substr(17, 2));
        }
    }
    return date;
}

class page_writer {
  public:
    explicit page_writer(cairo_t* cr) : cr_(cr), layout_(pango_cairo_create_layout(cr)) {}

    void heading(std::string_view text, int size) {
        set_font("DejaVu Sans Bold", size);
        pango_layout_set_width(layout_.get(),
                               static_cast<int>((page_width - 2 * margin) * PANGO_SCALE));
        draw(margin, text);
        y_ += 6;
    }

    void field(std::string_view label, std::string_view value) {
        if (value.empty()) {
            return;
        }
        set_font("DejaVu Sans Bold", 9);
        pango_layout_set_width(layout_.get(), static_cast<int>((label_width - 8) * PANGO_SCALE));
        const double top = y_;
        draw(margin, label);
        const double label_bottom = y_;
        y_ = top;
        set_font("DejaVu Sans", 10);
        pango_layout_set_width(
            layout_.get(), static_cast<int>((page_width - 2 * margin - label_width) * PANGO_SCALE));
        draw(margin + label_width, value);
        y_ = std::max(y_, label_bottom) + 3;
    }

    void rule() {
        y_ += 4;
        cairo_set_line_width(cr_, 0.6);
        cairo_move_to(cr_, margin, y_);
        cairo_line_to(cr_, page_width - margin, y_);
        cairo_stroke(cr_);
        y_ += 8;
    }

  private:
    void set_font(const char* family, int size) {
        std::unique_ptr<PangoFontDescription, font_deleter> font(
            pango_font_description_from_string(family));
        pango_font_description_set_absolute_size(font.get(), size * PANGO_SCALE);
        pango_layout_set_font_description(layout_.get(), font.get());
    }

    void draw(double x, std::string_view text) {
        pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
        pango_layout_set_text(layout_.get(), text.data(), static_cast<int>(text.size()));
        cairo_move_to(cr_, x, y_);
        pango_cairo_show_layout(cr_, layout_.get());
        unknown_glyphs_ += pango_layout_get_unknown_glyphs_count(layout_.get());
        int width = 0;
        int height = 0;
        pango_layout_get_size(layout_.get(), &width, &height);
        y_ += static_cast<double>(height) / PANGO_SCALE;
    }

  public:
    /// Characters the fonts could not draw (shown as boxes): must stay 0.
    int unknown_glyphs() const noexcept { return unknown_glyphs_; }

  private:
    cairo_t* cr_;
    std::unique_ptr<PangoLayout, layout_deleter> layout_;
    int unknown_glyphs_ = 0;
    double y_ = margin;
};

std::string join_name(const cda::person_name& name) {
    std::string text;
    for (const std::string& given : name.given) {
        text += given + " ";
    }
    return text + name.family;
}

std::string join_id(const cda::instance_identifier& id) {
    return id.extension.empty() ? id.root : id.extension + " (" + id.root + ")";
}

}  // namespace

result<std::string> render_prescription_pdf(const cda::eprescription_document& doc,
                                            std::string_view created) {
    std::string pdf;
    std::unique_ptr<cairo_surface_t, surface_deleter> surface(
        cairo_pdf_surface_create_for_stream(append_bytes, &pdf, page_width, page_height));
    const std::string date = pdf_date(created);
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE,
                                   "ePrescription / E-recept");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "ncpeh");
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, date.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
    {
        std::unique_ptr<cairo_t, context_deleter> cr(cairo_create(surface.get()));
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        page_writer page(cr.get());
        const eprescription_l3::item_description text = eprescription_l3::describe_item(doc);
        const cda::patient& patient = doc.header.patient;

        page.heading("ePrescription — Sweden / E-recept — Sverige", 16);
        page.field("Prescription id / Receptid", join_id(doc.prescription_id));
        page.field("Issued / Utfärdat",
                   eprescription_l3::format_cda_time(doc.header.authors.empty()
                                                         ? doc.header.effective_time
                                                         : doc.header.authors.front().time));
        page.rule();
        page.heading("Patient", 12);
        page.field("Name / Namn", join_name(patient.name));
        page.field("Date of birth / Födelsedatum",
                   eprescription_l3::format_cda_time(patient.birth_time));
        page.field("Personal identity number / Personnummer",
                   patient.ids.empty() ? std::string{} : patient.ids.front().extension);
        page.rule();
        page.heading("Medicinal product / Läkemedel", 12);
        page.field("Product / Produkt", text.product);
        page.field("Active ingredient, strength / Aktiv substans, styrka", text.ingredients);
        page.field("Dose form / Läkemedelsform", text.dose_form);
        page.field("Package / Förpackning", text.package);
        page.field("Number of packages / Antal förpackningar", text.packages);
        page.field("Dosage / Dosering", text.dosage);
        page.field("Route / Administreringsväg", text.route);
        page.field("Valid / Giltigt", text.validity);
        page.field("Substitution / Utbyte", text.substitution);
        page.field("Patient instructions / Till patienten", doc.item.patient_instructions);
        page.field("To the pharmacy / Till apoteket", doc.item.fulfilment_instructions);
        page.rule();
        page.heading("Prescriber / Förskrivare", 12);
        page.field("Prescriber / Förskrivare", text.prescriber);
        if (!doc.header.authors.empty()) {
            const cda::organization& org =
                doc.header.authors.front().entity.represented_organization;
            std::string where = org.name;
            for (const std::string& line : org.addr.street_lines) {
                where += (where.empty() ? "" : ", ") + line;
            }
            if (!org.addr.city.empty()) {
                where += (where.empty() ? "" : ", ") + org.addr.postal_code + " " + org.addr.city;
            }
            page.field("Workplace / Arbetsplats", where);
            for (const cda::telecom& tel : org.telecoms) {
                page.field("Contact / Kontakt", tel.value);
            }
        }
        cairo_show_page(cr.get());
        if (page.unknown_glyphs() != 0) {
            return make_error(errc::internal, "the PDF fonts cannot draw " +
                                                  std::to_string(page.unknown_glyphs()) +
                                                  " character(s); install fonts-dejavu-core");
        }
    }
    cairo_surface_finish(surface.get());
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
        return make_error(errc::internal,
                          std::string("cairo could not write the PDF: ") +
                              cairo_status_to_string(cairo_surface_status(surface.get())));
    }
    return pdf;
}

}  // namespace ncpeh::translators::eprescription_l1

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (under pango) keeps process-lifetime caches that LeakSanitizer reports at exit;
// they are not leaks of ours. This hook is only compiled into sanitizer builds (ci, dev).
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libfontconfig.so\n";
}
#endif
