"""Touchpoints of map 2, the B2B journey (the format: store_touchpoints_before)."""

TOUCHPOINTS = {
    "Lead: search and recommendations": [
        {
            "name": "Business landing page",
            "channel": "web",
            "category": "business",
            "owner": "demo",
            "team": "b2b",
            "rating": "so_so",
            "importance": 7,
            "description": (
                "No business prices without registration; the request form has 9 fields "
                "including the company's bank details."
            ),
        },
        {
            "name": "Reviews and case studies from small businesses",
            "channel": "reviews",
            "category": "brand",
            "owner": "demo",
            "team": "marketing",
            "rating": "awful",
            "importance": 8,
            "critical": True,
            "description": (
                "Two anonymous testimonials and no verified company reviews. Founders want "
                "proof from businesses like theirs before they take a call."
            ),
            "actions": [
                {
                    "title": "Publish three case studies with verified company names",
                    "assignee": "demo",
                    "due": -5,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Recommendation from another founder",
            "channel": "social",
            "category": "brand",
            "team": "b2b",
            "rating": "excellent",
            "importance": 6,
            "description": "A third of new contracts start with a tip in a founders' chat.",
        },
    ],
    "Discovery call and demo": [
        {
            "name": "First call with the account manager",
            "channel": "manager",
            "category": "employee",
            "owner": "demo",
            "team": "b2b",
            "rating": "excellent",
            "importance": 9,
            "description": (
                "Call back within 15 minutes; the manager asks about headcount, kitchen "
                "and coffee habits instead of reading a script."
            ),
        },
        {
            "name": "Client portal demo and trial order",
            "channel": "portal",
            "category": "product",
            "owner": "demo",
            "team": "b2b",
            "rating": "so_so",
            "importance": 7,
            "description": (
                "The demo account expires after 3 days and a trial order can only be placed "
                "by the manager."
            ),
        },
    ],
    "Proposal and pricing": [
        {
            "name": "Commercial proposal",
            "channel": "email",
            "category": "business",
            "owner": "demo",
            "team": "b2b",
            "rating": "so_so",
            "was": ["awful"],
            "rated_by": "demo",
            "rating_note": "New one-page template with prices fixed for 12 months.",
            "importance": 8,
            "description": (
                "One page, monthly basket and prices; volume discounts are still explained "
                "only on the phone."
            ),
            "actions": [
                {
                    "title": "One-page proposal template",
                    "assignee": "demo",
                    "due": -40,
                    "status": "done",
                },
            ],
        },
        {
            "name": "Business price list and volume discounts",
            "channel": "portal",
            "category": "business",
            "team": "b2b",
            "rating": "unrated",
            "importance": 6,
            "description": "A public price list for business clients is being prepared.",
        },
    ],
    "Contract and first invoice": [
        {
            "name": "Contract and signature",
            "channel": "email",
            "category": "business",
            "owner": "demo",
            "team": "b2b",
            "rating": "awful",
            "importance": 10,
            "critical": True,
            "description": (
                "A 14-page Word file sent by email, signed on paper and couriered back; "
                "the auto-renewal clause scares founders. Deals stall here for a week."
            ),
            "actions": [
                {
                    "title": "Contracts with e-signature through EDO",
                    "assignee": "demo",
                    "due": -8,
                    "status": "in_progress",
                },
                {
                    "title": "One-page plain-language summary of contract terms",
                    "assignee": "olga",
                    "due": 9,
                    "status": "open",
                },
            ],
        },
        {
            "name": "First invoice and company details",
            "channel": "email",
            "category": "business",
            "owner": "olga",
            "team": "b2b",
            "rating": "awful",
            "importance": 9,
            "critical": True,
            "description": (
                "The client sends company details twice; one first invoice in five has "
                "a wrong VAT line or bank details and has to be reissued."
            ),
            "actions": [
                {
                    "title": "Fill invoice details from the tax registry by INN",
                    "assignee": "anna",
                    "due": 4,
                    "status": "open",
                },
            ],
            "comments": [
                ("olga", "Accounting confirmed: 7 of the last 30 first invoices were reissued."),
            ],
        },
    ],
    "Onboarding and first delivery": [
        {
            "name": "Welcome call and portal onboarding",
            "channel": "portal",
            "category": "product",
            "owner": "olga",
            "team": "b2b",
            "rating": "excellent",
            "importance": 6,
            "description": (
                "A 20-minute onboarding call, a saved order template and a one-page guide "
                "for the office manager."
            ),
        },
        {
            "name": "First delivery to the office",
            "channel": "courier",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "so_so",
            "importance": 9,
            "critical": True,
            "description": (
                "Couriers come after 6 pm when the goods lift is off; reception signs for "
                "the boxes without checking them."
            ),
            "actions": [
                {
                    "title": "Morning delivery windows (9–12) for business addresses",
                    "assignee": "ivan",
                    "due": 15,
                    "status": "open",
                },
            ],
        },
    ],
    "Regular delivery and billing": [
        {
            "name": "Monthly delivery on a fixed weekday",
            "channel": "courier",
            "category": "service",
            "owner": "ivan",
            "team": "logistics",
            "rating": "excellent",
            "was": ["so_so"],
            "rated_by": "ivan",
            "rating_note": "Fixed weekday routes for business clients.",
            "importance": 9,
            "description": "Same weekday, same driver, 98% of deliveries on time last quarter.",
        },
        {
            "name": "Closing documents (UPD) through EDO",
            "channel": "portal",
            "category": "business",
            "owner": "olga",
            "team": "b2b",
            "rating": "awful",
            "importance": 8,
            "critical": True,
            "description": (
                "Closing documents arrive 10–15 days after delivery; the client's accountant "
                "chases us every month end."
            ),
            "actions": [
                {
                    "title": "Send UPD through EDO within 3 days of delivery",
                    "assignee": "olga",
                    "due": -12,
                    "status": "open",
                },
            ],
            "comments": [
                ("demo", "Kate in the interview: 'I chase documents more than I chase coffee'."),
            ],
        },
        {
            "name": "Short-delivery handling",
            "channel": "phone",
            "category": "employee",
            "owner": "olga",
            "team": "support",
            "rating": "so_so",
            "importance": 7,
            "description": "Missing items come with the next monthly order, not within the week.",
        },
    ],
    "Renewal and referral": [
        {
            "name": "Quarterly spend review",
            "channel": "manager",
            "category": "employee",
            "owner": "demo",
            "team": "b2b",
            "rating": "unrated",
            "importance": 7,
            "description": "Planned: a quarterly 20-minute call with a spend and savings summary.",
        },
        {
            "name": "Renewal notice and price change",
            "channel": "email",
            "category": "business",
            "owner": "demo",
            "team": "b2b",
            "rating": "so_so",
            "importance": 9,
            "critical": True,
            "description": (
                "The price indexation letter goes out 5 days before renewal; two clients "
                "left last quarter because of it."
            ),
            "actions": [
                {
                    "title": "Prices fixed for 12 months in the contract template",
                    "assignee": "demo",
                    "due": -35,
                    "status": "done",
                },
                {
                    "title": "Send renewal terms 30 days ahead",
                    "assignee": "demo",
                    "due": 30,
                    "status": "open",
                },
            ],
        },
        {
            "name": "Referral bonus for business clients",
            "channel": "email",
            "category": "brand",
            "team": "marketing",
            "rating": "unrated",
            "importance": 4,
            "description": "One month of free coffee for each recommended company that signs.",
        },
    ],
}
