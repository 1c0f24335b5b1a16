from django.shortcuts import render


def form_page(request, *, union, form, heading, back_url, back_label, **extra):
    """The one page every simple form of this app uses: breadcrumb, heading, form, cancel."""
    return render(request, "plans/form.html", {
        "union": union, "form": form, "heading": heading, "cancel_url": back_url,
        "crumb_url": back_url, "crumb_label": back_label, **extra,
    })
