"""What the B2B map's clients write (the format of texts_store_buying.py). The map is in English;
a share of the clients answer in Russian."""

from . import behaviour as b

TEXTS = {
    b.CASE_STUDIES: {
        "neg": {
            "en": [
                "Could not find a single case study with a real company name, not convincing.",
                "The testimonials on the site look fake.",
                "Disappointing: asked for references from similar offices, got none.",
            ],
            "ru": ["Плохо: на сайте нет реальных кейсов с названиями компаний."],
        },
        "mid": {
            "en": ["A couple of case studies, but none from a company our size."],
            "ru": ["Пара кейсов есть, но не про компании нашего размера."],
        },
        "pos": {
            "en": ["The case study from a design studio like ours convinced us."],
            "ru": ["Убедил хороший кейс студии нашего размера."],
        },
    },
    b.FIRST_CALL: {
        "neg": {
            "en": ["The manager was pushy and sold a premium plan before asking what we need."],
            "ru": ["Менеджер сразу начал продавать дорогой тариф."],
        },
        "mid": {
            "en": [
                "The call was fine, a bit too long.",
                "Helpful, though I had to repeat our headcount twice.",
            ],
            "ru": ["Звонок нормальный, но затянулся."],
        },
        "pos": {
            "en": [
                "The account manager was brilliant, understood our office in ten minutes.",
                "Great first call, clear answers and no pressure.",
                "Friendly and competent manager, she even suggested a cheaper coffee plan.",
            ],
            "ru": [
                "Менеджер за десять минут понял, что нам нужно, отличный звонок.",
                "Приятный и толковый менеджер, без навязывания.",
            ],
        },
    },
    b.PROPOSAL: {
        "neg": {
            "en": [
                "The proposal came three days late and with the wrong prices.",
                "The proposal PDF was generic and useless, nothing about our actual list.",
            ],
            "ru": ["Коммерческое предложение пришло через три дня и с ошибками в ценах."],
        },
        "mid": {
            "en": [
                "The proposal was clear, but volume discounts were hard to work out.",
                "Okay proposal, took a day longer than promised.",
            ],
            "ru": ["Предложение понятное, но скидки за объём не расписаны."],
        },
        "pos": {
            "en": ["Clear proposal the same day, with our exact list and prices."],
            "ru": ["Предложение пришло в тот же день, всё понятно."],
        },
    },
    b.CONTRACT: {
        "neg": {
            "en": [
                "Signing the contract took two painful weeks of emails back and forth.",
                "Their legal team rejected every single change our lawyer asked for.",
                "Annoying: we had to print, sign, scan and courier the contract.",
                "Nobody could tell us who signs on their side, the deal stalled for a week.",
                "Their contract template is awful, twelve pages for a coffee subscription.",
                "Slow, painful signing process, we almost gave up.",
            ],
            "ru": [
                "Договор подписывали две недели, бесконечная переписка с юристами.",
                "Договор пришлось распечатать, подписать и отправить курьером — неудобно.",
            ],
        },
        "mid": {
            "en": ["The contract was standard, but the signing took longer than it should."],
            "ru": ["Договор стандартный, но подписание затянулось."],
        },
        "pos": {
            "en": ["Signed the contract online in one evening, easy."],
            "ru": ["Подписали договор онлайн за вечер, удобно."],
        },
    },
    b.FIRST_INVOICE: {
        "neg": {
            "en": [
                "The first invoice had our company details wrong, twice.",
                "Our accountant wasted a day fixing the first invoice.",
                "Wrong VAT on the first invoice, payment delayed by a week.",
                "The invoice had the wrong legal name, our bank rejected it. Frustrating.",
                "Bad start: the first invoice was addressed to another company.",
            ],
            "ru": [
                "В первом счёте дважды перепутали реквизиты, ужасная невнимательность.",
                "Бухгалтер целый день исправляла ошибки в первом счёте, ужасно.",
            ],
        },
        "mid": {
            "en": ["The invoice was correct on the second attempt."],
            "ru": ["Счёт выставили правильно со второго раза."],
        },
        "pos": {
            "en": ["The invoice arrived right away with all details correct, perfect."],
            "ru": ["Счёт пришёл сразу и без ошибок, отлично."],
        },
    },
    b.FIRST_DELIVERY: {
        "neg": {
            "en": [
                "Frustrating: the first delivery came while the office was closed.",
                "Half of the first order was missing and no one warned us.",
            ],
            "ru": [
                "Первую доставку привезли, когда офис был закрыт, и увезли обратно. Очень плохо."
            ],
        },
        "mid": {
            "en": [
                "The first delivery was complete, but a day later than agreed.",
                "Fine first delivery, the driver could not find our entrance.",
            ],
            "ru": ["Первая поставка полная, но на день позже."],
        },
        "pos": {
            "en": ["The first delivery came on time and was unpacked in the kitchen."],
            "ru": ["Первая поставка пришла вовремя, всё разложили на кухне."],
        },
    },
    b.MONTHLY_DELIVERY: {
        "neg": {
            "en": ["The monthly delivery skipped a week and nobody told us."],
            "ru": ["Ежемесячную поставку пропустили и никого не предупредили."],
        },
        "mid": {
            "en": ["Monthly delivery works, but changing the list is clumsy."],
            "ru": ["Поставки приходят, но менять список неудобно."],
        },
        "pos": {
            "en": [
                "Every first Tuesday, like clockwork. We never run out of coffee now.",
                "The monthly delivery just works, our office manager is happy.",
                "Reliable deliveries, always the same friendly driver.",
                "Great service, the monthly box arrives on time every month.",
            ],
            "ru": [
                "Поставка каждый первый вторник, как часы, отличный сервис.",
                "Кофе и бумага больше не заканчиваются, очень удобно.",
            ],
        },
    },
    b.EDO_DOCUMENTS: {
        "neg": {
            "en": [
                "Closing documents arrive three weeks late and our books cannot close.",
                "The UPD comes on paper although we asked for EDO, again. Annoying.",
                "Every month our accountant chases their documents, exhausting.",
                "Wrong amounts in the UPD, we had to send it back twice.",
                "No UPD for two months in a row, terrible for our accounting.",
                "The documents are always late and always wrong, very annoying.",
            ],
            "ru": [
                "Закрывающие документы приходят через три недели, бухгалтерия в бешенстве.",
                "УПД опять пришёл на бумаге, хотя договорились про ЭДО. Безобразие.",
                "Каждый месяц бухгалтер выпрашивает документы, это утомительно и раздражает.",
            ],
        },
        "mid": {
            "en": ["Documents come through EDO now, but not always on time."],
            "ru": ["Документы приходят по ЭДО, но не всегда вовремя."],
        },
        "pos": {
            "en": ["The UPD arrived in EDO the day after delivery, great."],
            "ru": ["УПД пришёл по ЭДО на следующий день после поставки, отлично."],
        },
    },
    b.SHORT_DELIVERY: {
        "neg": {
            "en": ["A short delivery took a whole week to make up, poor."],
            "ru": ["Недовоз довозили целую неделю."],
        },
        "mid": {
            "en": ["They made up the missing items, a few days later."],
            "ru": ["Недостающее довезли, но через несколько дней."],
        },
        "pos": {
            "en": ["The rest of the order came the next morning. Great service."],
            "ru": ["Недостающее привезли на следующее утро, спасибо."],
        },
    },
    b.RENEWAL_NOTICE: {
        "neg": {
            "en": [
                "The renewal notice came with a 15% price rise and two days to decide. Not fair.",
                "Disappointing: prices went up at renewal with no explanation.",
            ],
            "ru": ["При продлении подняли цены на 15% и дали два дня на решение, это плохо."],
        },
        "mid": {
            "en": ["The renewal notice was clear, the new prices less so."],
            "ru": ["Уведомление о продлении понятное, но цены выросли."],
        },
        "pos": {
            "en": ["Renewal took one click and the price stayed the same, great."],
            "ru": ["Продлили в один клик, цены не изменились, отлично."],
        },
    },
    "office-general": {
        "neg": {
            "en": ["Good products, but the paperwork is a nightmare."],
            "ru": ["Товары хорошие, а документооборот — кошмар."],
        },
        "mid": {
            "en": ["Decent supplier, the billing side needs work."],
            "ru": ["Нормальный поставщик, с документами бывают сложности."],
        },
        "pos": {
            "en": ["One supplier for everything in the office, we are happy."],
            "ru": ["Один поставщик на весь офис, мы довольны."],
        },
    },
}
