"""Map 2 (English, B2B): a small business subscribes to monthly office supplies delivery.

The same shape as ``store_journey``: stages with their lane texts and an emotion score. The
curve dips at the contract and first invoice (paperwork) and at regular billing (documents).
"""

LANE_NAMES_EN = {
    "goals": "Customer goals",
    "actions": "Actions",
    "touchpoints": "Touchpoints",
    "channels": "Channels",
    "thoughts": "Thoughts",
    "emotions": "Emotions",
    "pains": "Pains, barriers and fears",
    "expectations": "Expectations",
    "opportunities": "Opportunities",
    "metrics": "Metrics (funnel)",
}

JOURNEY = {
    "key": "office",
    "title": "B2B: office supplies subscription for small business",
    "description": (
        "Current state of the B2B journey, from the first search to the yearly renewal. "
        "Segment: small businesses buying for their office. Personas: Kate (office manager, "
        "the user) and Oleg (founder, the decision maker). Built from sales call notes, "
        "churn interviews and the account managers' CRM history."
    ),
    "segment": "small_business",
    "personas": ["kate", "oleg"],
    "state": "current",
    "status": "active",
    "lane_names": LANE_NAMES_EN,
}

STAGES = [
    {
        "name": "Lead: search and recommendations",
        "description": "The office manager looks for one supplier; the founder asks peers.",
        "moment_of_truth": "zmot",
        "purchase_phase": "before",
        "emotion": 0,
        "lanes": {
            "goals": "Find a supplier that covers supplies, coffee and cleaning in one order.",
            "actions": (
                'Searches for "office supplies delivery for business", compares three '
                "websites, asks other founders in a business chat for recommendations."
            ),
            "thoughts": '"They all look the same. Who actually delivers on time?"',
            "emotions": "Neutral, slightly sceptical.",
            "pains": "No business prices without registering; few verifiable reviews.",
            "expectations": "Prices, delivery terms and real client stories on the website.",
            "opportunities": "Public business price list, case studies with company names.",
        },
    },
    {
        "name": "Discovery call and demo",
        "description": "The first call with an account manager and a look at the client portal.",
        "moment_of_truth": "fmot",
        "purchase_phase": "before",
        "emotion": 2,
        "lanes": {
            "goals": "Understand whether the service fits a 25-person office.",
            "actions": "Requests a call back, talks to the account manager, tries the portal.",
            "thoughts": '"Finally someone who asks how much coffee we drink."',
            "emotions": "Interested and reassured by a competent person.",
            "pains": "The demo account expires in 3 days; a trial order needs the manager.",
            "expectations": "A call back within the hour and a trial order without commitment.",
            "opportunities": "Self-service trial order in the portal; 14-day demo account.",
        },
    },
    {
        "name": "Proposal and pricing",
        "description": "A commercial proposal with a monthly basket and prices.",
        "moment_of_truth": "",
        "purchase_phase": "before",
        "emotion": 1,
        "lanes": {
            "goals": "Get a clear monthly cost to show the founder.",
            "actions": "Receives the proposal, forwards it to the founder, asks about discounts.",
            "thoughts": '"Is this price fixed, or will it go up in three months?"',
            "emotions": "Cautiously positive.",
            "pains": "Volume discounts are not explained; the proposal arrives as a scanned PDF.",
            "expectations": "A one-page proposal within one working day, prices fixed for a year.",
            "opportunities": "Proposal generated from the trial basket, savings vs. retail shown.",
        },
    },
    {
        "name": "Contract and first invoice",
        "description": "Signing the contract and paying the first invoice.",
        "moment_of_truth": "",
        "purchase_phase": "during",
        "emotion": -2,
        "lanes": {
            "goals": "Sign quickly without legal surprises and pay the first invoice.",
            "actions": (
                "The founder reads the contract, asks to remove auto-renewal, signs; "
                "the office manager sends company details and waits for the invoice."
            ),
            "thoughts": '"Why do I have to send our company details a second time?"',
            "emotions": "Irritated by paperwork and delays.",
            "pains": (
                "A 14-page Word contract by email, no e-signature, invoices with wrong "
                "details; the deal stalls for a week."
            ),
            "expectations": "E-signature, a one-page summary of terms, a correct invoice at once.",
            "opportunities": "E-signature through EDO; invoice details filled in from the INN.",
        },
    },
    {
        "name": "Onboarding and first delivery",
        "description": "Portal set-up, order template and the first delivery to the office.",
        "moment_of_truth": "smot",
        "purchase_phase": "after",
        "emotion": 1,
        "lanes": {
            "goals": "Set up the monthly order once and receive a complete first delivery.",
            "actions": "Saves an order template, books a delivery day, checks the boxes.",
            "thoughts": '"If the first delivery is right, I can stop thinking about it."',
            "emotions": "Hopeful; relieved when the first delivery is complete.",
            "pains": "Evening deliveries after the goods lift closes; nobody checks the boxes.",
            "expectations": "Morning delivery, a call 30 minutes ahead, a checklist per box.",
            "opportunities": "Business delivery windows 9–12; box labels by office zone.",
        },
    },
    {
        "name": "Regular delivery and billing",
        "description": "Monthly deliveries, short-delivery handling and closing documents.",
        "moment_of_truth": "",
        "purchase_phase": "after",
        "emotion": -1,
        "lanes": {
            "goals": "Get every monthly order complete and the documents on time.",
            "actions": "Adjusts the template, reports shortfalls, sends documents to accounting.",
            "thoughts": '"I chase the documents more than I chase the coffee."',
            "emotions": "Mostly calm; annoyed at month end when documents are late.",
            "pains": "Closing documents 10–15 days late; missing items come only next month.",
            "expectations": "Documents via EDO within 3 days; shortfalls re-delivered within 48 h.",
            "opportunities": "Automatic EDO sending; a short-delivery button in the portal.",
        },
    },
    {
        "name": "Renewal and referral",
        "description": "The yearly renewal, price review and recommending the supplier.",
        "moment_of_truth": "umot",
        "purchase_phase": "after",
        "emotion": 2,
        "lanes": {
            "goals": "Renew without a price shock and recommend the supplier to peers.",
            "actions": "Reviews a year of spend with the founder, renews, tells other founders.",
            "thoughts": '"It just works. I\'d tell others — if the renewal price is fair."',
            "emotions": "Loyal and satisfied when nothing went wrong.",
            "pains": "Price indexation letters arrive days before renewal.",
            "expectations": "Renewal terms 30 days ahead and a yearly spend summary.",
            "opportunities": "Quarterly spend review; a referral bonus for business clients.",
        },
    },
]

# A service blueprint under the customer's lanes: (lane kind, lane name, {stage name: text}).
BLUEPRINT = [
    (
        "frontstage",
        "Frontstage: what our staff do in view",
        {
            "Lead: search and recommendations": "Sales rep answers the website chat within 5 min.",
            "Discovery call and demo": "Account manager runs the call and shows the ordering app.",
            "Proposal and pricing": "Account manager walks the buyer through the price grid.",
            "Contract and first invoice": "Sales rep sends the contract for e-signature.",
            "Onboarding and first delivery": "Driver unloads, shelves the stock, gets a signature.",
            "Regular delivery and billing": "Driver delivers on the agreed weekday, same slot.",
            "Renewal and referral": "Account manager calls a month before the renewal date.",
        },
    ),
    (
        "backstage",
        "Backstage: what staff do out of view",
        {
            "Lead: search and recommendations": "Marketing qualifies the lead and books the call.",
            "Discovery call and demo": "Pre-sales prepares a demo account with the client's items.",
            "Proposal and pricing": "Pricing team approves discounts above 10 %.",
            "Contract and first invoice": "Legal checks edits; finance sets up the client account.",
            "Onboarding and first delivery": "Warehouse picks and checks the first order twice.",
            "Regular delivery and billing": "Billing puts a month of deliveries on one invoice.",
            "Renewal and referral": "Customer success reviews usage and prepares an offer.",
        },
    ),
    (
        "support",
        "Support processes and systems",
        {
            "Lead: search and recommendations": "CRM, website chat",
            "Discovery call and demo": "Video calls, demo environment",
            "Proposal and pricing": "Price book, CPQ tool",
            "Contract and first invoice": "E-signature, ERP",
            "Onboarding and first delivery": "Warehouse system, route planning",
            "Regular delivery and billing": "Route planning, ERP billing run",
            "Renewal and referral": "CRM renewals report",
        },
    ),
    (
        "evidence",
        "Physical evidence",
        {
            "Lead: search and recommendations": "Website, reviews, case studies",
            "Discovery call and demo": "Demo account, follow-up e-mail",
            "Proposal and pricing": "PDF proposal",
            "Contract and first invoice": "Contract, first invoice",
            "Onboarding and first delivery": "Delivery note, branded boxes",
            "Regular delivery and billing": "Monthly invoice, driver's uniform",
            "Renewal and referral": "Renewal offer, referral card",
        },
    ),
]

STAGE_COMMENTS = [
    (
        "Contract and first invoice",
        "demo",
        "Median time from 'yes' to the first paid invoice is 9 days. Target: 2 days.",
    ),
    (
        "Regular delivery and billing",
        "olga",
        "Accounting departments call us every month about UPD documents. Let's fix EDO first.",
    ),
]
