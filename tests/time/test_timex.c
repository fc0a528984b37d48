/*
 * test_timex.c -- the time extractor as a table of cases: a sentence, its
 * article date, the expression that must be found and its TIMEX3 type,
 * value and mod (TimeML 1.2.1 conventions); sentences that must yield no
 * time sit next to the good ones. Then the calendar arithmetic (ISO
 * weeks, Easter, US holidays) and the lexicon's order.
 *
 * Most cases use the canonical article's date, Monday 2024-01-08:
 * previous Friday 01-05, next Friday 01-12, ISO week 2024-W02.
 */
#include <stdbool.h>

#include "support.h"
#include "time/timex.h"

#define D      "2024-01-08"
#define NODATE NULL

typedef struct time_case {
    const char *date; /* the article date, or NULL */
    const char *text;
    const char *expr; /* the expected extent; NULL: no time at all */
    ng_time_type type;
    const char *value;
    const char *mod; /* NULL: none checked */
} time_case;

static const time_case cases[] = {
    /* weekdays: the tense of the clause decides the week */
    {D, "The minister spoke on Friday.", "Friday", NG_TIME_DATE, "2024-01-05",
     NULL},
    {D, "The ministers will meet on Friday.", "Friday", NG_TIME_DATE,
     "2024-01-12", NULL},
    {D, "he announced on Monday that troops stay.", "Monday", NG_TIME_DATE,
     "2024-01-08", NULL},
    {D, "The vote is scheduled for Thursday.", "Thursday", NG_TIME_DATE,
     "2024-01-11", NULL},
    {D, "Police said Sunday that two people died.", "Sunday", NG_TIME_DATE,
     "2024-01-07", NULL},
    {D, "They will travel to Paris on Tuesday.", "Tuesday", NG_TIME_DATE,
     "2024-01-09", NULL},
    {D, "The rally took place on Saturday.", "Saturday", NG_TIME_DATE,
     "2024-01-06", NULL},
    {D, "Last Friday, the court ruled.", "Last Friday", NG_TIME_DATE,
     "2024-01-05", NULL},
    {D, "Next Wednesday the board meets.", "Next Wednesday", NG_TIME_DATE,
     "2024-01-10", NULL},
    {D, "The summit opens Thursday in Geneva.", "Thursday", NG_TIME_DATE,
     "2024-01-11", NULL},
    {D, "The deadline expires Friday.", "Friday", NG_TIME_DATE, "2024-01-12",
     NULL},
    {D, "The report came out Wednesday morning.", "Wednesday morning",
     NG_TIME_TIME, "2024-01-03TMO", NULL},
    {D, "Fighting continued on Thursday night.", "Thursday night", NG_TIME_TIME,
     "2024-01-04TNI", NULL},
    {D, "The accident happened on Friday, Jan. 5.", "Friday, Jan. 5",
     NG_TIME_DATE, "2024-01-05", NULL},
    {D, "Friday's vote was close.", "Friday", NG_TIME_DATE, "2024-01-05", NULL},
    {D, "The previous Friday, he had resigned.", "The previous Friday",
     NG_TIME_DATE, "2024-01-05", NULL},
    {"1998-02-27", "Clinton said Friday he would veto the bill.", "Friday",
     NG_TIME_DATE, "1998-02-27", NULL},
    {"1998-02-27", "The talks resumed on Tuesday.", "Tuesday", NG_TIME_DATE,
     "1998-02-24", NULL},
    {"1998-02-27", "Envoys arrive in Baghdad on Sunday, officials said.",
     "Sunday", NG_TIME_DATE, "1998-03-01", NULL},
    {NODATE, "The meeting is on Friday.", "Friday", NG_TIME_DATE, "XXXX-WXX-5",
     NULL},
    {NODATE, "They met on Sunday evening.", "Sunday evening", NG_TIME_TIME,
     "XXXX-WXX-7TEV", NULL},
    /* calendar dates */
    {D, "The law takes effect on January 15.", "January 15", NG_TIME_DATE,
     "2024-01-15", NULL},
    {D, "He was born on 5 March 1990.", "5 March 1990", NG_TIME_DATE,
     "1990-03-05", NULL},
    {D, "The talks ended on Dec. 20.", "Dec. 20", NG_TIME_DATE, "2023-12-20",
     NULL},
    {D, "Elections will be held in March.", "March", NG_TIME_DATE, "2024-03",
     NULL},
    {D, "Prices rose in December.", "December", NG_TIME_DATE, "2023-12", NULL},
    {D, "In January 2020 the general was killed.", "January 2020", NG_TIME_DATE,
     "2020-01", NULL},
    {D, "The treaty was signed on 2 June 1992.", "2 June 1992", NG_TIME_DATE,
     "1992-06-02", NULL},
    {D, "The meeting of 2024-03-15 was cancelled.", "2024-03-15", NG_TIME_DATE,
     "2024-03-15", NULL},
    {D, "Sales peaked in Sept. 1989.", "Sept. 1989", NG_TIME_DATE, "1989-09",
     NULL},
    {D, "He arrived on July 4th.", "July 4th", NG_TIME_DATE, "2023-07-04",
     NULL},
    {D, "The vote on March 15, 2007 was close.", "March 15, 2007", NG_TIME_DATE,
     "2007-03-15", NULL},
    {D, "May 1 is a holiday.", "May 1", NG_TIME_DATE, "2024-05-01", NULL},
    {D, "The offer runs until February.", "February", NG_TIME_DATE, "2024-02",
     NULL},
    {D, "The dividend is payable Feb. 15.", "Feb. 15", NG_TIME_DATE,
     "2024-02-15", NULL},
    {"1989-10-26", "The company declared a dividend payable Dec. 15.",
     "Dec. 15", NG_TIME_DATE, "1989-12-15", NULL},
    {"1989-10-26", "In January, the firm hired a new chief.", "January",
     NG_TIME_DATE, "1989-01", NULL},
    {D, "The sale ends in mid-November.", "mid-November", NG_TIME_DATE,
     "2024-11", "MID"},
    {D, "Talks are planned for early March.", "early March", NG_TIME_DATE,
     "2024-03", "START"},
    {D, "Construction began in late 2019.", "late 2019", NG_TIME_DATE, "2019",
     "END"},
    {D, "A summit in the middle of October failed.", "the middle of October",
     NG_TIME_DATE, "2023-10", "MID"},
    {D, "The Jan. 5 vote was delayed.", "Jan. 5", NG_TIME_DATE, "2024-01-05",
     NULL},
    {NODATE, "Talks ended on January 5.", "January 5", NG_TIME_DATE,
     "XXXX-01-05", NULL},
    {NODATE, "In January 2020 the general was killed.", "January 2020",
     NG_TIME_DATE, "2020-01", NULL},
    {D, "You may go.", NULL, 0, NULL, NULL},
    /* a year the calendar does not take: no date with a guessed year */
    {D, "It ends by 31 December 99999.", NULL, 0, NULL, NULL},
    {D, "It ends on December 31, 12345.", NULL, 0, NULL, NULL},
    {D, "It ends in December 99999.", NULL, 0, NULL, NULL},
    {D, "It ends in the year 99999.", NULL, 0, NULL, NULL},
    {D, "They march on the capital.", NULL, 0, NULL, NULL},
    {D, "The Jan Smuts airport is closed.", NULL, 0, NULL, NULL},
    {D, "May we ask a question?", NULL, 0, NULL, NULL},
    {D, "Sun and wind power grow.", NULL, 0, NULL, NULL},
    /* years, decades, centuries */
    {D, "Founded in 2013, the group grew.", "2013", NG_TIME_DATE, "2013", NULL},
    {D, "He led the 1996 Olympic team.", "1996", NG_TIME_DATE, "1996", NULL},
    {D, "In 1990 sales rose.", "1990", NG_TIME_DATE, "1990", NULL},
    {D, "Records from 1991 to 1997 were lost.", "1997", NG_TIME_DATE, "1997",
     NULL},
    {D, "Profit in fiscal 1989 rose.", "fiscal 1989", NG_TIME_DATE, "1989",
     NULL},
    {D, "It happened in nineteen ninety-six.", "nineteen ninety-six",
     NG_TIME_DATE, "1996", NULL},
    {D, "Planners feared the year 2000 bug.", "the year 2000", NG_TIME_DATE,
     "2000", NULL},
    {D, "Growth slowed in the 1990s.", "the 1990s", NG_TIME_DATE, "199", NULL},
    {D, "Music from the '80s returned.", "the '80s", NG_TIME_DATE, "198", NULL},
    {D, "Bands of the nineties split up.", "the nineties", NG_TIME_DATE, "199",
     NULL},
    /* an ordinal of any length: no century (it was cast to int first) */
    {D, "The 10000000000000th century came.", NULL, 0, NULL, NULL},
    {D, "Wars marked the 20th century.", "the 20th century", NG_TIME_DATE, "19",
     NULL},
    {D, "Prices rose in the early 1980s.", "the early 1980s", NG_TIME_DATE,
     "198", "START"},
    {D, "The company employs 1500 people.", NULL, 0, NULL, NULL},
    {D, "He paid $1990 for it.", NULL, 0, NULL, NULL},
    {D, "Inflation hit 2000 percent.", NULL, 0, NULL, NULL},
    {D, "The 2,013 delegates voted.", NULL, 0, NULL, NULL},
    /* quarters and halves */
    {D, "Profit fell in the third quarter.", "the third quarter", NG_TIME_DATE,
     "2023-Q3", NULL},
    {D, "Growth should pick up in the second quarter.", "the second quarter",
     NG_TIME_DATE, "2024-Q2", NULL},
    {D, "Third-quarter earnings rose.", "Third-quarter", NG_TIME_DATE,
     "2023-Q3", NULL},
    {D, "Sales grew in the first half of 2023.", "the first half of 2023",
     NG_TIME_DATE, "2023-H1", NULL},
    {D, "It lost money in the fourth quarter of 1989.",
     "the fourth quarter of 1989", NG_TIME_DATE, "1989-Q4", NULL},
    {D, "The quarter ended Dec. 31.", "The quarter", NG_TIME_DATE, "2023-Q4",
     NULL},
    {D, "Sales in the fourth quarter rose 5% from a year ago.", "a year ago",
     NG_TIME_DATE, "2022-Q4", NULL},
    {D, "Earnings in the fourth quarter beat the year-ago quarter.",
     "the year-ago quarter", NG_TIME_DATE, "2022-Q4", NULL},
    {D, "Results for the latest quarter were weak.", "the latest quarter",
     NG_TIME_DATE, "2023-Q4", NULL},
    {D, "This quarter looks better.", "This quarter", NG_TIME_DATE, "2024-Q1",
     NULL},
    /* deictic words */
    {D, "Markets fell today.", "today", NG_TIME_DATE, "2024-01-08", NULL},
    {D, "The minister resigned yesterday.", "yesterday", NG_TIME_DATE,
     "2024-01-07", NULL},
    {D, "The court rules tomorrow.", "tomorrow", NG_TIME_DATE, "2024-01-09",
     NULL},
    {D, "The show airs tonight.", "tonight", NG_TIME_DATE, "2024-01-08", NULL},
    {D, "Shots were fired yesterday afternoon.", "yesterday afternoon",
     NG_TIME_TIME, "2024-01-07TAF", NULL},
    {D, "The army is now in control.", "now", NG_TIME_DATE, "PRESENT_REF",
     NULL},
    {D, "It currently has 900 troops there.", "currently", NG_TIME_DATE,
     "PRESENT_REF", NULL},
    {D, "The firm recently moved.", "recently", NG_TIME_DATE, "PAST_REF", NULL},
    {D, "Rates may rise in the future.", "the future", NG_TIME_DATE,
     "FUTURE_REF", NULL},
    {D, "Few people read books these days.", "these days", NG_TIME_DATE,
     "PRESENT_REF", NULL},
    {D, "Such wars were common in the past.", "the past", NG_TIME_DATE,
     "PAST_REF", NULL},
    {D, "Prices will stay high in the near future.", "the near future",
     NG_TIME_DATE, "FUTURE_REF", NULL},
    {D, "We need help right now.", "right now", NG_TIME_DATE, "PRESENT_REF",
     NULL},
    {NODATE, "The minister resigned yesterday.", "yesterday", NG_TIME_DATE,
     "XXXX-XX-XX", NULL},
    /* shifted units */
    {D, "Exports fell last year.", "last year", NG_TIME_DATE, "2023", NULL},
    {D, "Elections are due next year.", "next year", NG_TIME_DATE, "2025",
     NULL},
    {D, "Sales will grow this year.", "this year", NG_TIME_DATE, "2024", NULL},
    {D, "Prices rose last month.", "last month", NG_TIME_DATE, "2023-12", NULL},
    {D, "Talks resume next month.", "next month", NG_TIME_DATE, "2024-02",
     NULL},
    {D, "The plan was announced this month.", "this month", NG_TIME_DATE,
     "2024-01", NULL},
    {D, "The ceasefire collapsed last week.", "last week", NG_TIME_DATE,
     "2024-W01", NULL},
    {D, "Envoys will return next week.", "next week", NG_TIME_DATE, "2024-W03",
     NULL},
    {D, "The board meets this week.", "this week", NG_TIME_DATE, "2024-W02",
     NULL},
    {D, "Two rockets hit the base this morning.", "this morning", NG_TIME_TIME,
     "2024-01-08TMO", NULL},
    {D, "The embassy was attacked last night.", "last night", NG_TIME_TIME,
     "2024-01-07TNI", NULL},
    {D, "Storms are expected this weekend.", "this weekend", NG_TIME_DATE,
     "2024-W02-WE", NULL},
    {D, "Fighting continued over the weekend.", "the weekend", NG_TIME_DATE,
     "2024-W01-WE", NULL},
    {D, "Ten people died last weekend.", "last weekend", NG_TIME_DATE,
     "2024-W01-WE", NULL},
    {D, "The river flooded last summer.", "last summer", NG_TIME_DATE,
     "2023-SU", NULL},
    {D, "The law takes effect this spring.", "this spring", NG_TIME_DATE,
     "2024-SP", NULL},
    {D, "He was elected last November.", "last November", NG_TIME_DATE,
     "2023-11", NULL},
    {D, "The vote is due next March.", "next March", NG_TIME_DATE, "2024-03",
     NULL},
    {D, "The plant closes this September.", "this September", NG_TIME_DATE,
     "2024-09", NULL},
    {D, "Talks broke down in July last year.", "July last year", NG_TIME_DATE,
     "2023-07", NULL},
    {D, "Prices fell in January this year.", "January this year", NG_TIME_DATE,
     "2024-01", NULL},
    {D, "Growth slowed in the summer of 1989.", "the summer of 1989",
     NG_TIME_DATE, "1989-SU", NULL},
    {D, "Results fell this past spring.", "this past spring", NG_TIME_DATE,
     "2023-SP", NULL},
    {D, "The council met in the current year.", "the current year",
     NG_TIME_DATE, "2024", NULL},
    /* anchored to the last date mentioned */
    {D, "On Friday the army attacked; the previous day it had withdrawn.",
     "the previous day", NG_TIME_DATE, "2024-01-04", NULL},
    {D, "Troops left on Dec. 28 and returned the following day.",
     "the following day", NG_TIME_DATE, "2023-12-29", NULL},
    {D, "The strike began on Jan. 2 and ended the following week.",
     "the following week", NG_TIME_DATE, "2024-W02", NULL},
    {D, "The bomb exploded on Wednesday. That day, the border closed.",
     "That day", NG_TIME_DATE, "2024-01-03", NULL},
    {D, "The attack was on Wednesday; it was claimed the next day.",
     "the next day", NG_TIME_DATE, "2024-01-04", NULL},
    {D, "The group was founded in 2013 and grew that year.", "that year",
     NG_TIME_DATE, "2013", NULL},
    {D, "She moved to Paris in 1995 and married the following year.",
     "the following year", NG_TIME_DATE, "1996", NULL},
    {D,
     "On May 22, 1995, he was made a general, and the following year he "
     "was appointed attache.",
     "the following year", NG_TIME_DATE, "1996", NULL},
    {D, "The ceasefire began on Jan. 3. Two days earlier, talks failed.",
     "Two days earlier", NG_TIME_DATE, "2024-01-01", NULL},
    {D, "Profits were high in 2020; a year earlier they were low.",
     "a year earlier", NG_TIME_DATE, "2019", NULL},
    {D, "He left on Dec. 28 and came back the same day.", "the same day",
     NG_TIME_DATE, "2023-12-28", NULL},
    {NODATE, "The strike began on 5 January 2020; the next day it ended.",
     "the next day", NG_TIME_DATE, "2020-01-06", NULL},
    {NODATE, "Exports fell last year.", "last year", NG_TIME_DATE, "XXXX",
     NULL},
    /* ago, from now */
    {D, "The bridge collapsed two days ago.", "two days ago", NG_TIME_DATE,
     "2024-01-06", NULL},
    {D, "He arrived three weeks ago.", "three weeks ago", NG_TIME_DATE,
     "2023-12-18", NULL},
    {D, "The firm was sold five months ago.", "five months ago", NG_TIME_DATE,
     "2023-08", NULL},
    {D, "The war ended two years ago.", "two years ago", NG_TIME_DATE, "2022",
     NULL},
    {D, "The dam was built a decade ago.", "a decade ago", NG_TIME_DATE, "2014",
     NULL},
    {D, "The rules changed several years ago.", "several years ago",
     NG_TIME_DATE, "PAST_REF", NULL},
    {D, "The team left a few days ago.", "a few days ago", NG_TIME_DATE,
     "PAST_REF", NULL},
    {D, "The treaty expired more than two years ago.",
     "more than two years ago", NG_TIME_DATE, "2022", "MORE_THAN"},
    {D, "The port opens two years from now.", "two years from now",
     NG_TIME_DATE, "2026", NULL},
    /* durations */
    {D, "During his more than two decades at the head of the unit.",
     "more than two decades", NG_TIME_DURATION, "P20Y", "MORE_THAN"},
    {D, "The regime lasted two decades.", "two decades", NG_TIME_DURATION,
     "P20Y", NULL},
    {D, "The strike lasted three days.", "three days", NG_TIME_DURATION, "P3D",
     NULL},
    {D, "He stayed for a week.", "a week", NG_TIME_DURATION, "P1W", NULL},
    {D, "Six months of talks failed.", "Six months", NG_TIME_DURATION, "P6M",
     NULL},
    {D, "The curfew lasts 24 hours.", "24 hours", NG_TIME_DURATION, "PT24H",
     NULL},
    {D, "The match took 90 minutes.", "90 minutes", NG_TIME_DURATION, "PT90M",
     NULL},
    {D, "The quake lasted 30 seconds.", "30 seconds", NG_TIME_DURATION, "PT30S",
     NULL},
    {D, "He signed a two-year contract.", "two-year", NG_TIME_DURATION, "P2Y",
     NULL},
    {D, "Yields on 30-year bonds rose.", "30-year", NG_TIME_DURATION, "P30Y",
     NULL},
    {D, "The flight took 5 1/2 hours.", "5 1/2 hours", NG_TIME_DURATION,
     "PT5H30M", NULL},
    {D, "Repairs took a year and a half.", "a year and a half",
     NG_TIME_DURATION, "P1Y6M", NULL},
    {D, "He spoke for half an hour.", "half an hour", NG_TIME_DURATION, "PT30M",
     NULL},
    {D, "The siege lasted several years.", "several years", NG_TIME_DURATION,
     "PXY", NULL},
    {D, "Talks may take a few weeks.", "a few weeks", NG_TIME_DURATION, "PXW",
     NULL},
    {D, "Prices doubled in the past two months.", "the past two months",
     NG_TIME_DURATION, "P2M", NULL},
    {D, "Rates will stay low for the next three years.", "the next three years",
     NG_TIME_DURATION, "P3Y", NULL},
    {D, "Sales rose in the first nine months.", "the first nine months",
     NG_TIME_DURATION, "P9M", NULL},
    {D, "The feud lasted nearly 40 years.", "nearly 40 years", NG_TIME_DURATION,
     "P40Y", "LESS_THAN"},
    {D, "Hostages were held for at least 72 hours.", "at least 72 hours",
     NG_TIME_DURATION, "PT72H", "EQUAL_OR_MORE"},
    {D, "The project took about a decade.", "about a decade", NG_TIME_DURATION,
     "P10Y", "APPROX"},
    {D, "Suspects can be held up to 180 days.", "up to 180 days",
     NG_TIME_DURATION, "P180D", "EQUAL_OR_LESS"},
    {D, "The town has been divided for years.", "years", NG_TIME_DURATION,
     "PXY", NULL},
    {D, "Rebuilding takes a couple of years.", "a couple of years",
     NG_TIME_DURATION, "P2Y", NULL},
    {D, "Repairs need two to three weeks.", "two to three weeks",
     NG_TIME_DURATION, "P2W", NULL},
    {D, "A decades-long conflict ended.", "decades-long", NG_TIME_DURATION,
     "PXY", NULL},
    {D, "Tension grew over the past few weeks.", "the past few weeks",
     NG_TIME_DURATION, "PXW", NULL},
    {D, "The dynasty ruled for a century.", "a century", NG_TIME_DURATION,
     "P100Y", NULL},
    {D, "Ruins from two millennia survive.", "two millennia", NG_TIME_DURATION,
     "P2000Y", NULL},
    {D, "After a 15-minute break, play resumed.", "15-minute", NG_TIME_DURATION,
     "PT15M", NULL},
    {D, "Three days later the town fell.", "Three days", NG_TIME_DURATION,
     "P3D", NULL},
    {D, "The 6-year-old boy was rescued.", NULL, 0, NULL, NULL},
    {D, "He is 52 years old.", NULL, 0, NULL, NULL},
    {D, "Three-quarters of voters agreed.", NULL, 0, NULL, NULL},
    {D, "A quarter of the town burned.", NULL, 0, NULL, NULL},
    {D, "They earn $500 million a year.", NULL, 0, NULL, NULL},
    /* sets */
    {D, "Qantas flies there daily.", "daily", NG_TIME_SET, "P1D", NULL},
    {D, "The paper is published weekly.", "weekly", NG_TIME_SET, "P1W", NULL},
    {D, "Rents are paid monthly.", "monthly", NG_TIME_SET, "P1M", NULL},
    {D, "The report is updated annually.", "annually", NG_TIME_SET, "P1Y",
     NULL},
    {D, "Shelling resumed every day.", "every day", NG_TIME_SET, "P1D", NULL},
    {D, "Floods return each year.", "each year", NG_TIME_SET, "P1Y", NULL},
    {D, "The festival is held each July.", "each July", NG_TIME_SET, "XXXX-07",
     NULL},
    {D, "He jogs every morning.", "every morning", NG_TIME_SET, "XXXX-XX-XXTMO",
     NULL},
    {D, "Protests are held on Mondays.", "Mondays", NG_TIME_SET, "XXXX-WXX-1",
     NULL},
    {D, "The market opens every Tuesday.", "every Tuesday", NG_TIME_SET,
     "XXXX-WXX-2", NULL},
    {D, "Flights leave on Tuesday nights.", "Tuesday nights", NG_TIME_SET,
     "XXXX-WXX-2TNI", NULL},
    {D, "Inspectors come twice a week.", "a week", NG_TIME_SET, "P1W", NULL},
    {D, "The average daily volume rose.", NULL, 0, NULL, NULL},
    {D, "The Communist Party daily Granma said so.", NULL, 0, NULL, NULL},
    /* clock times */
    {D, "The blast came at 10:30 a.m.", "10:30 a.m.", NG_TIME_TIME,
     "2024-01-08T10:30", NULL},
    {D, "The polls close at 9 p.m.", "9 p.m.", NG_TIME_TIME, "2024-01-08T21:00",
     NULL},
    {D, "The curfew starts at noon.", "noon", NG_TIME_TIME, "2024-01-08T12:00",
     NULL},
    {D, "The blast occurred at 10 p.m. Wednesday.", "10 p.m. Wednesday",
     NG_TIME_TIME, "2024-01-03T22:00", NULL},
    {D, "The offer expires at 5 p.m. EST Jan. 12.", "5 p.m. EST Jan. 12",
     NG_TIME_TIME, "2024-01-12T17:00", NULL},
    {D, "Shots rang out around 7:15 p.m.", "around 7:15 p.m.", NG_TIME_TIME,
     "2024-01-08T19:15", "APPROX"},
    {D, "The train left at 14:30.", "14:30", NG_TIME_TIME, "2024-01-08T14:30",
     NULL},
    {D, "The raid began at 4 in the morning.", "4 in the morning", NG_TIME_TIME,
     "2024-01-08T04:00", NULL},
    {D, "Flight 12 landed at gate 4.", NULL, 0, NULL, NULL},
    /* holidays */
    {D, "We met on Christmas Day.", "Christmas Day", NG_TIME_DATE, "2023-12-25",
     NULL},
    {D, "Sales rose after Thanksgiving.", "Thanksgiving", NG_TIME_DATE,
     "2023-11-23", NULL},
    {D, "The pope will speak at Easter.", "Easter", NG_TIME_DATE, "2024-03-31",
     NULL},
    {D, "The law took effect on New Year's Day.", "New Year's Day",
     NG_TIME_DATE, "2024-01-01", NULL},
    {D, "Voters will go to the polls on Election Day.", "Election Day",
     NG_TIME_DATE, "2024-11-05", NULL},
    /* parts of periods */
    {D, "Rates will fall early next year.", "early next year", NG_TIME_DATE,
     "2025", "START"},
    {D, "The plant closed late last year.", "late last year", NG_TIME_DATE,
     "2023", "END"},
    {D, "Troops leave by the end of the year.", "the end of the year",
     NG_TIME_DATE, "2024", "END"},
    {D, "The talks resume at the beginning of March.", "the beginning of March",
     NG_TIME_DATE, "2024-03", "START"},
    {D, "He resigned earlier this week.", "earlier this week", NG_TIME_DATE,
     "2024-W02", "START"},
    {D, "A verdict is due later this month.", "later this month", NG_TIME_DATE,
     "2024-01", "END"},
    {D, "Prices peaked in mid-2023.", "mid-2023", NG_TIME_DATE, "2023", "MID"},
    {D, "The debt must be repaid by year-end.", "year-end", NG_TIME_DATE,
     "2024-12-31", NULL},
    {D, "Sales rose toward year end.", "year end", NG_TIME_DATE, "2024", "END"},
    {D, "Pilgrims arrive for Easter week.", "Easter week", NG_TIME_DATE,
     "2024-W13", NULL},
    {D, "Talks open the week of March 4.", "the week of March 4", NG_TIME_DATE,
     "2024-W10", NULL},
    {D, "Output fell in the last half of 1989.", "the last half of 1989",
     NG_TIME_DATE, "1989-H2", NULL},
    /* the TempEval-3 error study: tense cues that are not verbs of the
     * clause */
    {"1989-10-26", "Mr. Schwarz will succeed Daniel P. Davison Feb. 1.",
     "Feb. 1", NG_TIME_DATE, "1990-02-01", NULL},
    {"1989-10-26",
     "The split would be paid on a still unspecified date in January.",
     "January", NG_TIME_DATE, "1990-01", NULL},
    {"1998-09-30", "The team planned to leave Nairobi on Thursday.", "Thursday",
     NG_TIME_DATE, "1998-10-01", NULL},
    {"1998-09-30", "On Friday, the government planned to pay the claims.",
     "Friday", NG_TIME_DATE, "1998-09-25", NULL},
    {"1998-08-17", "On Friday, she set aside vacation plans for the trip.",
     "Friday", NG_TIME_DATE, "1998-08-14", NULL},
    /* a month without a tense cue: the past unless the future is much
     * nearer; a deadline does not lean to the past */
    {"1998-10-25", "In January, a week after the anniversary, a doctor died.",
     "January", NG_TIME_DATE, "1998-01", NULL},
    {"1999-04-19", "Police now have evidence in the October slaying.",
     "October", NG_TIME_DATE, "1998-10", NULL},
    {"1989-10-30", "Lenders have extended loans through January.", "January",
     NG_TIME_DATE, "1990-01", NULL},
    {"1989-10-27", "Its stock rose to $42 in June from $29 in March.", "March",
     NG_TIME_DATE, "1989-03", NULL},
    {"1999-04-19",
     "They have evidence in the October slaying to begin presenting a case.",
     "October", NG_TIME_DATE, "1998-10", NULL},
    /* the quarter an earnings report is about: named, complete at the
     * DCT, not a comparison or a forecast */
    {"1989-10-26",
     "It earned $5 million in the fiscal first quarter. Sales for the "
     "quarter ended Sept. 29 rose. In the 1988 period, it earned $2 million.",
     "the 1988 period", NG_TIME_DATE, "1988-Q1", NULL},
    {"1989-10-26",
     "Net rose in the third quarter from a year ago. In the year-earlier "
     "period, it earned less.",
     "the year-earlier period", NG_TIME_DATE, "1988-Q3", NULL},
    {"1989-10-26",
     "Profit fell in the third quarter. Losses may last through the third "
     "quarter of 1990. In the year-ago period, it earned more.",
     "the year-ago period", NG_TIME_DATE, "1988-Q3", NULL},
    {"1989-10-26",
     "It had a loss for the fiscal first quarter ended Sept. 30, against a "
     "profit a year ago.",
     "a year ago", NG_TIME_DATE, "1988-Q1", NULL},
    /* "the year ended March 31" is a span; "for the year" the year */
    {"1989-10-31", "Revenue was $980 million in the year ended March 31.",
     "the year", NG_TIME_DURATION, "P1Y", NULL},
    {"1989-10-31", "It forecast an earnings increase for the full year.",
     "the full year", NG_TIME_DATE, "1989", NULL},
    {"1989-10-31", "Profit should rise throughout the fiscal year.",
     "the fiscal year", NG_TIME_DURATION, "P1Y", NULL},
    /* the reported quarter is the latest named; "that quarter" the one
     * named last */
    {"1989-11-01",
     "Net rose in the third quarter. After a flat second quarter, sales "
     "grew. In the 1989 period, taxes were lower.",
     "the 1989 period", NG_TIME_DATE, "1989-Q3", NULL},
    {"1989-10-27",
     "Profit rose in the third quarter. The second quarter ended Oct. 31. "
     "Results for that quarter included a charge.",
     "that quarter", NG_TIME_DATE, "1989-Q2", NULL},
    {"1989-11-01",
     "Net fell in the third quarter, against a profit for the corresponding "
     "period last year.",
     "the corresponding period last year", NG_TIME_DATE, "1988-Q3", NULL},
    /* shifted months with a day, possessive weekdays, deferrals */
    {"1999-04-19", "He was shot to death last Oct. 23 at his home.",
     "last Oct. 23", NG_TIME_DATE, "1998-10-23", NULL},
    {"2000-01-07",
     "They said they would look for ways around Wednesday's "
     "ruling.",
     "Wednesday", NG_TIME_DATE, "2000-01-05", NULL},
    {"2000-03-30", "Officials postponed until Tuesday any action on the case.",
     "Tuesday", NG_TIME_DATE, "2000-04-04", NULL},
    {"2000-03-30", "The guests stayed until Tuesday.", "Tuesday", NG_TIME_DATE,
     "2000-03-28", NULL},
    {"1989-11-02", "In London at mid-afternoon yesterday, shares were up.",
     "mid-afternoon yesterday", NG_TIME_TIME, "1989-11-01TAF", "MID"},
    /* "in five years" ahead is a point; halves of years and decades */
    {"1989-11-02", "The stock would be redeemed in five years.", "five years",
     NG_TIME_DATE, "1994", NULL},
    {"1989-11-02", "Profit has tripled in five years.", "five years",
     NG_TIME_DURATION, "P5Y", NULL},
    {"1989-11-02", "Profit was higher two quarters ago.", "two quarters ago",
     NG_TIME_DATE, "1989-Q2", NULL},
    {"1989-11-02", "Losses will go on through the first two quarters of 1990.",
     "the first two quarters of 1990", NG_TIME_DATE, "1990-H1", NULL},
    {"1989-11-02", "Beer sales were flat in the last half of the '80s.",
     "the last half of the '80s", NG_TIME_DATE, "198", "END"},
    {"1987-03-11", "Winterkill would be the second highest in ten years.",
     "ten years", NG_TIME_DURATION, "P10Y", NULL},
    {"1987-03-11",
     "The business may peak at some point in the next five "
     "years.",
     "the next five years", NG_TIME_DURATION, "P5Y", NULL},
    /* "the year" of an earnings report is the reported quarter's */
    {"1987-03-02",
     "Net rose in the 1986 fourth quarter. For the full year, it earned "
     "$329 million.",
     "the full year", NG_TIME_DATE, "1986", NULL},
    {"1989-10-30",
     "Profit fell in the third quarter. It forecast an increase for the "
     "year.",
     "the year", NG_TIME_DATE, "1989", NULL},
    {"1987-03-12",
     "Pretax profit for the six months ended December 31 was 506 million, "
     "against 452 million a year earlier.",
     "a year earlier", NG_TIME_DATE, "1985-12-31", NULL},
    {"1987-02-26",
     "Exports rose to 600,000 tonnes from 556,874 tonnes during the same "
     "period last year.",
     "the same period last year", NG_TIME_DATE, "1986", NULL},
    {"1987-02-26", "Sales rose 5 pct from the same period.", NULL, 0, NULL,
     NULL},
    {"1987-03-02", "The company made a tender offer to begin Thursday.",
     "Thursday", NG_TIME_DATE, "1987-03-05", NULL},
    /* a clock time is of the day the text speaks of; "one day" after a
     * modal is someday */
    {D, "The bomb went off on Friday. It exploded at 10:35 a.m.", "10:35 a.m.",
     NG_TIME_TIME, "2024-01-05T10:35", NULL},
    {D, "The doctor was shot on Oct. 23 at about 10 p.m. at home.",
     "about 10 p.m.", NG_TIME_TIME, "2023-10-23T22:00", NULL},
    {D, "Islam will one day be the second largest religion here.", "one day",
     NG_TIME_DATE, "FUTURE_REF", NULL},
    {D, "The strike lasted one day.", "one day", NG_TIME_DURATION, "P1D", NULL},
    /* names and titles, ages, compounds that are not times */
    {D, "Baker said on ABC's \"This Week\" that talks go on.", NULL, 0, NULL,
     NULL},
    {D, "He spoke on CBS's \"60 Minutes\" about it.", NULL, 0, NULL, NULL},
    {D, "The poster showed Gary Cooper in High Noon.", NULL, 0, NULL, NULL},
    {D, "The story ran in USA Today first.", NULL, 0, NULL, NULL},
    {D, "Agents scanned the crowd at the March for Life rally.", NULL, 0, NULL,
     NULL},
    {D, "She led the March of the Mothers through town.", NULL, 0, NULL, NULL},
    {D, "Talks resume in June for President Biden.", "June", NG_TIME_DATE,
     "2024-06", NULL},
    {D, "His stepmother married his father when he was in his 30s.", NULL, 0,
     NULL, NULL},
    {D, "Most recruits are in their early 20s.", NULL, 0, NULL, NULL},
    {D, "Unemployment is just above its quarter-century low.", NULL, 0, NULL,
     NULL},
    {D, "The quarter-to-quarter comparison was weak.", NULL, 0, NULL, NULL},
    {D, "Such barriers make no sense in today's world.", NULL, 0, NULL, NULL},
    {D, "Today's vote was close.", "Today", NG_TIME_DATE, "2024-01-08", NULL},
    {D, "LAST WEEK, the firm said so.", "LAST WEEK", NG_TIME_DATE, "2024-W01",
     NULL},
    {D, "Prices rose in the 1980s and in his 30s he left.", "the 1980s",
     NG_TIME_DATE, "198", NULL},
    /* "recent years": a span of unknown length up to now */
    {D, "Sales have doubled in recent years.", "recent years", NG_TIME_DURATION,
     "PXY", NULL},
    /* not times */
    {D, "", NULL, 0, NULL, NULL},
    {D, "The 747 flew over the Boeing plant.", NULL, 0, NULL, NULL},
    {D, "Patrick Ryder spoke to reporters.", NULL, 0, NULL, NULL},
    {D, "Second, the army must withdraw.", NULL, 0, NULL, NULL},
    {D, "Harakat al-Nujaba is an active part of the network.", NULL, 0, NULL,
     NULL},
    {D, "Call 555-0100 for tickets.", NULL, 0, NULL, NULL},
};

enum { NCASES = sizeof cases / sizeof *cases };

/* Finds the expected expression among the times; says what is wrong
 * and returns false when it is missing or differs. */
static bool check_case(size_t k, const time_case *c, const ng_analysis *res)
{
    const char *text = ng_analysis_text(res, NULL);
    size_t n = ng_analysis_time_count(res);
    if (!c->expr) {
        if (n > 0) {
            const ng_time *t = ng_analysis_time(res, 0);
            print_error("case %zu: '%s': want no time, got '%.*s' %s\n", k,
                        c->text, (int)(t->span.end - t->span.start),
                        text + t->span.start, t->value);
            return false;
        }
        return true;
    }
    for (size_t i = 0; i < n; i++) {
        const ng_time *t = ng_analysis_time(res, i);
        size_t len = t->span.end - t->span.start;
        if (len != strlen(c->expr) ||
            memcmp(text + t->span.start, c->expr, len) != 0)
            continue;
        if (t->type != c->type || strcmp(t->value, c->value) != 0) {
            print_error("case %zu: '%s': want %s %s, got %s %s\n", k, c->expr,
                        ng_time_type_name(c->type), c->value,
                        ng_time_type_name(t->type), t->value);
            return false;
        }
        if (c->mod && (!t->mod || strcmp(t->mod, c->mod) != 0)) {
            print_error("case %zu: '%s': want mod %s, got %s\n", k, c->expr,
                        c->mod, t->mod ? t->mod : "none");
            return false;
        }
        return true;
    }
    print_error("case %zu: '%s' not found in '%s' (%zu times%s%.*s)\n", k,
                c->expr, c->text, n, n ? ", first: " : "",
                n ? (int)(ng_analysis_time(res, 0)->span.end -
                          ng_analysis_time(res, 0)->span.start)
                  : 0,
                n ? text + ng_analysis_time(res, 0)->span.start : "");
    return false;
}

static void test_cases(void **state)
{
    (void)state;
    ng_analyzer *an;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    size_t failed = 0;
    for (size_t k = 0; k < NCASES; k++) {
        const time_case *c = &cases[k];
        ng_article *a;
        assert_int_equal(ng_article_new(&a, "case", c->date, NULL, NULL, 0,
                                        c->text, strlen(c->text)),
                         NG_OK);
        ng_analysis *res;
        assert_int_equal(ng_analyze(an, a, &res), NG_OK);
        failed += !check_case(k, c, res);
        ng_analysis_free(res);
        ng_article_free(a);
    }
    print_message("%d time cases, %zu failed\n", (int)NCASES, failed);
    assert_int_equal(failed, 0);
    assert_true(NCASES >= 150);
    ng_analyzer_free(an);
}

/* Times are whole tokens, ordered, disjoint, inside the text. */
static void test_spans_are_ordered(void **state)
{
    (void)state;
    const char *text =
        "On Friday, Jan. 5, 2024, at 10 a.m., and again last week, the "
        "army met for two hours; twice a week since the 1990s, daily.";
    ng_analyzer *an;
    ng_article *a;
    ng_analysis *res;
    assert_int_equal(ng_analyzer_new(&an, NULL), NG_OK);
    assert_int_equal(
        ng_article_new(&a, "x", D, NULL, NULL, 0, text, strlen(text)), NG_OK);
    assert_int_equal(ng_analyze(an, a, &res), NG_OK);
    size_t n = ng_analysis_time_count(res), prev = 0;
    assert_true(n >= 6);
    for (size_t i = 0; i < n; i++) {
        const ng_time *t = ng_analysis_time(res, i);
        assert_true(t->span.start >= prev && t->span.end > t->span.start);
        assert_true(t->span.end <= strlen(text));
        assert_true(t->value[0] != '\0');
        prev = t->span.end;
    }
    ng_analysis_free(res);
    ng_article_free(a);
    ng_analyzer_free(an);
}

static void test_calendar(void **state)
{
    (void)state;
    int y, m, d, wy, w;
    assert_int_equal(timex_days(1970, 1, 1), 0);
    timex_civil(timex_days(2024, 2, 29) + 1, &y, &m, &d);
    assert_true(y == 2024 && m == 3 && d == 1);
    assert_int_equal(timex_weekday(timex_days(2024, 1, 8)), 1);
    assert_int_equal(timex_weekday(timex_days(2000, 1, 1)), 6);
    /* ISO weeks, with the year boundary cases of ISO 8601 */
    timex_iso_week(timex_days(2024, 1, 8), &wy, &w);
    assert_true(wy == 2024 && w == 2);
    timex_iso_week(timex_days(2021, 1, 3), &wy, &w);
    assert_true(wy == 2020 && w == 53);
    timex_iso_week(timex_days(2019, 12, 30), &wy, &w);
    assert_true(wy == 2020 && w == 1);
    assert_int_equal(timex_iso_week_monday(2024, 2), timex_days(2024, 1, 8));
    assert_int_equal(timex_month_days(2023, 2), 28);
    assert_int_equal(timex_month_days(2000, 2), 29);
    assert_int_equal(timex_month_days(1900, 2), 28);
    /* movable feasts */
    static const struct {
        timex_holiday h;
        int year, month, day;
    } feasts[] = {
        {TH_EASTER, 2024, 3, 31},        {TH_EASTER, 2000, 4, 23},
        {TH_EASTER, 2019, 4, 21},        {TH_THANKSGIVING, 2023, 11, 23},
        {TH_THANKSGIVING, 1999, 11, 25}, {TH_ELECTION, 2024, 11, 5},
        {TH_ELECTION, 1998, 11, 3},      {TH_LABOR, 2024, 9, 2},
        {TH_MEMORIAL, 2024, 5, 27},      {TH_CHRISTMAS, 2024, 12, 25}};
    for (size_t i = 0; i < sizeof feasts / sizeof *feasts; i++) {
        assert_true(timex_holiday_date(feasts[i].h, feasts[i].year, &m, &d));
        assert_int_equal(m, feasts[i].month);
        assert_int_equal(d, feasts[i].day);
    }
    assert_false(timex_holiday_date(TH_NONE, 2024, &m, &d));
}

static void test_lexicon(void **state)
{
    (void)state;
    assert_true(timex_lexicon_sorted());
    const timex_entry *e = timex_lookup("sept", 4);
    assert_non_null(e);
    assert_int_equal(e->cls, TC_MONTH);
    assert_int_equal(e->val, 9);
    assert_null(timex_lookup("septx", 5));
    assert_null(timex_lookup("", 0));
    timex_index ix;
    timex_index_init(&ix);
    static const char *const words[] = {"a",   "about", "year", "yesterday",
                                        "may", "zzz",   "noon", "p.m"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        assert_ptr_equal(timex_lookup_in(&ix, words[i], strlen(words[i])),
                         timex_lookup(words[i], strlen(words[i])));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_spans_are_ordered),
        cmocka_unit_test(test_calendar),
        cmocka_unit_test(test_lexicon),
    };
    return cmocka_run_group_tests_name("time", tests, NULL, NULL);
}
