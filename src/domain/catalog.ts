import { isFillerWord } from "./matcher.ts";
import type { RoleId } from "./roles.ts";

/**
 * One kind of decision and who holds it, in the spirit of RACI/DACI: a single
 * decider, the hats to consult before deciding, and the hats to tell afterwards.
 */
export type DecisionArea = {
  id: string;
  title: string;
  description: string;
  keywords: string[];
  decider: RoleId;
  consulted: RoleId[];
  informed: RoleId[];
  /** Seed article the area comes from (e.g. "004_de87aa264d2abc6f.txt"), or "custom" for admin-added areas. */
  source: string;
};

const S000 = "000_27c5f9f2a2c91d27.txt";
const S001 = "001_7d1f456eaa405031.txt";
const S002 = "002_77480e8034d6ec72.txt";
const S003 = "003_096476f308ea9f70.txt";
const S004 = "004_de87aa264d2abc6f.txt";

const TL: RoleId = "tech-lead";
const EM: RoleId = "engineering-manager";
const ARCH: RoleId = "architect";
const PM: RoleId = "product-manager";

type AreaSpec = Omit<DecisionArea, "keywords"> & { keywords: string };

/** Keywords are written as one comma-separated string so the catalog stays readable. */
function area(spec: AreaSpec): DecisionArea {
  const keywords = spec.keywords.split(",").map((k) => k.trim());
  return { ...spec, keywords: keywords.filter((k) => k.length > 0) };
}

/**
 * The default catalog. Keywords follow how engineers actually phrase things (abbreviations,
 * product names, verbs). Everyday words that also live outside engineering ("party", "order",
 * "meeting") appear only inside phrases, because the matcher trusts a lone word from a phrase less.
 * Scope is what separates a team's choice (tech lead) from the same choice made for the whole
 * organisation or across teams (architect).
 */
export const DEFAULT_CATALOG: readonly DecisionArea[] = [
  // ── Tech lead: what the system is, for one team. Seeds 001 (technical authority of a team),
  // 004 (framework/database/microservice choices, review gatekeeper, debt, the 3 PM bug), 000 (ships code).
  area({
    id: "programming-language",
    title: "Programming language for the team's code",
    description:
      "Which language a team writes a new service, worker or tool in, weighing maintenance and fit.",
    keywords:
      "programming language, language, languages, typescript, javascript, python, golang, java, kotlin, " +
      "rust, ruby, scala, elixir, swift, php, c#, c++, runtime, node, deno, cli, scripting language",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "framework-choice",
    title: "Frameworks for a team's features",
    description: "Picking the web, frontend or backend framework a team builds its features on.",
    keywords:
      "framework, frameworks, web framework, frontend framework, backend framework, ui framework, react, " +
      "vue, angular, svelte, nextjs, django, flask, rails, spring, express, nestjs, fastapi, tech stack",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "library-choice",
    title: "Libraries and third-party dependencies",
    description: "Adding, replacing or upgrading a library, SDK or package the team's code depends on.",
    keywords:
      "library, libraries, lib, libs, npm package, dependency, dependencies, deps, npm, sdk, open source, " +
      "third party, third-party library, upgrade, version bump, http client, tooling choice, vendor library, " +
      "license, licensing, open source license, dependencies up to date",
    decider: TL,
    consulted: [],
    informed: [ARCH],
    source: S001,
  }),
  area({
    id: "team-database",
    title: "Database for the team's features",
    description:
      "Which datastore a team's service keeps its data in, judged by query plans and access patterns.",
    keywords:
      "database, db, datastore, postgresql, mysql, sqlite, mongodb, dynamodb, cassandra, redis, " +
      "elasticsearch, search engine, sql, nosql, query plan, indexes, storage engine, persistence, cache, caching",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "orm-data-access",
    title: "ORM and data-access layer",
    description: "How the team's code talks to its database: ORM, query builder, schema migrations.",
    keywords:
      "orm, prisma, typeorm, sequelize, hibernate, drizzle, knex, query builder, data access, " +
      "repository pattern, schema migration, db migrations, raw sql",
    decider: TL,
    consulted: [],
    informed: [ARCH],
    source: S001,
  }),
  area({
    id: "messaging-queue",
    title: "Queue or message broker for a team's service",
    description: "Choosing how a team's service sends and consumes asynchronous messages and events.",
    keywords:
      "queue, queues, message queue, message broker, broker, messaging, kafka, rabbitmq, sqs, sns, pubsub, " +
      "pub sub, nats, event bus, domain events, streaming, async, background jobs, job queue",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "feature-cloud-service",
    title: "Cloud services used by a feature",
    description:
      "Which managed cloud service a team uses to build one feature, such as storage or functions.",
    keywords:
      "cloud service, cloud, managed cloud service, aws, gcp, azure, s3, blob storage, file storage, object storage, " +
      "bucket, lambda, serverless, cloud functions, cdn, image resizing, storage, uploads",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "service-decomposition",
    title: "Monolith or microservices for a team's service",
    description: "Whether a team's own service stays one deployable or splits into smaller services.",
    keywords:
      "microservices, monolith, modular monolith, split the service, deployable, microservice approach",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "coding-standards",
    title: "Coding standards and conventions",
    description:
      "The team's style guide, linting and formatting rules, naming and code patterns everyone follows.",
    keywords:
      "coding standards, coding conventions, conventions, code style, style guide, lint, linting, linter, " +
      "lint rules, eslint, prettier, biome, formatting, formatter, naming conventions, best practices, " +
      "design patterns, code quality, enforce, consistency, eslint config, guidelines, coding guidelines",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "code-review",
    title: "Code review and merge approval",
    description:
      "Reviewing pull requests, catching deep design flaws and having the final word before a merge.",
    keywords:
      "code review, code reviews, review code, review changes, reviewer, reviewers, pull request, PR, " +
      "merge request, merge, merging, branch, gatekeeper, design flaws, final say, lgtm, catches bugs, diff",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "tech-debt",
    title: "Technical debt: refactor now or ship fast",
    description: "When to stop and pay down debt, refactor or clean up legacy code versus shipping sooner.",
    keywords:
      "tech debt, technical debt, debt, refactor, refactoring, cleanup, code cleanup, pay down, legacy code, " +
      "ship fast, shipping fast, ship the feature, ship features, shortcuts, hacks, codebase mess, maintainability, rot",
    decider: TL,
    consulted: [PM, EM],
    informed: [],
    source: S004,
  }),
  area({
    id: "hard-bugs-performance",
    title: "Hard bugs and performance problems",
    description: "Digging into slow endpoints, memory leaks and tricky production bugs until they are fixed.",
    keywords:
      "bug, bugs, performance, performance bug, perf bug, performance problem, performance issue, slow, slowness, latency, memory leak, leak, " +
      "crash, crashes, debug, debugging, troubleshoot, investigate, root cause, hotfix, regression, " +
      "production issue, prod, slow after the deploy, digs into, timeouts, flaky, errors",
    decider: TL,
    consulted: [],
    informed: [EM, PM],
    source: S004,
  }),
  area({
    id: "incident-response",
    title: "Technical response to incidents and outages",
    description:
      "Leading the debugging and the fix when production is down, and the technical postmortem after.",
    keywords:
      "incident, incidents, outage, outages, downtime, production incident, postmortem, sev1, sev2, rollback, " +
      "debug loop, fix the outage, firefighting, service down, prod down",
    decider: TL,
    consulted: [],
    informed: [EM, PM],
    source: S002,
  }),
  area({
    id: "task-breakdown",
    title: "Breaking features into tasks",
    description: "Splitting a complex feature or epic into tickets and handing the pieces out to engineers.",
    keywords:
      "break down, breaks down, breakdown, split, splits, tasks, tickets, subtasks, epic, epics, " +
      "work breakdown, delegation, delegate, assign tasks, complex feature, chunks, story points",
    decider: TL,
    consulted: [PM],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "rewrite-migration",
    title: "Migration plan and prototype for a rewrite",
    description:
      "Designing how a critical system moves to a new implementation, prototyping it and defending it.",
    keywords:
      "rewrite, rewriting, migration, migrate, migration plan, prototype, legacy system, legacy, replatform, " +
      "strangler, port, prototype new architecture, cutover, move off legacy",
    decider: TL,
    consulted: [ARCH, EM],
    informed: [PM],
    source: S004,
  }),
  area({
    id: "technical-risk",
    title: "Technical risk and feasibility checks",
    description:
      "Spotting technical hurdles, infrastructure weak points and stability risks in the team's work.",
    keywords:
      "technical risk, risk, risks, risk assessment, hurdles, stability, spike, proof of concept, poc, " +
      "infrastructure issues, feasible, assess",
    decider: TL,
    consulted: [ARCH],
    informed: [EM, PM],
    source: S001,
  }),
  area({
    id: "pairing-implementation",
    title: "Hands-on help with an implementation",
    description: "Pair programming with an engineer who is stuck on the code until the implementation moves.",
    keywords:
      "pair programming, pairing, pair, pairs, stuck, implementation, implementation details, " +
      "junior stuck, code together",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S004,
  }),
  area({
    id: "technical-mentoring",
    title: "Technical mentoring on coding practice",
    description: "Teaching engineers how to write better code and closing technical knowledge gaps.",
    keywords:
      "teach, teaches, teaching, technical mentoring, coding skills, knowledge gaps, coding best practices, " +
      "juniors, technical growth, upskill, mentor juniors, clean code, cleaner code",
    decider: TL,
    consulted: [EM],
    informed: [],
    source: S001,
  }),
  area({
    id: "team-technical-direction",
    title: "Technical direction and design for one team",
    description:
      "The team's tech stack, feature-level design docs and the technical calls inside its own project.",
    keywords:
      "technical direction, tech stack, technical design, design doc, feature design, " +
      "tech choices, service design, technical compass",
    decider: TL,
    consulted: [ARCH],
    informed: [EM, PM],
    source: S004,
  }),
  area({
    id: "testing-strategy",
    title: "Testing strategy and quality gates",
    description: "How much and what kind of automated testing the team requires before code ships.",
    keywords:
      "tests, testing, unit tests, integration tests, e2e, end to end tests, test coverage, coverage, qa, " +
      "quality assurance, quality gates, tdd, test plan, skip tests",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "build-ci-tooling",
    title: "Build, CI/CD and developer tooling",
    description: "The team's pipelines, build system, deploy scripts and local development setup.",
    keywords:
      "ci, cd, ci/cd, pipeline, pipelines, build system, slow build, build times, broken build, github actions, jenkins, deploy, deployment, " +
      "deploys, release pipeline, local dev environment, docker, repository, monorepo, terraform, " +
      "infrastructure as code, foundational infrastructure",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "component-api-design",
    title: "API and component design inside a team's service",
    description: "Endpoints, modules and component structure within the team's own codebase.",
    keywords:
      "api design, api, endpoint, endpoints, rest, graphql, grpc, component structure, module structure, " +
      "class design, interfaces, schema, payload",
    decider: TL,
    consulted: [ARCH],
    informed: [PM],
    source: S001,
  }),
  area({
    id: "technical-debates",
    title: "Settling technical debates inside the team",
    description:
      "Mediating when engineers argue over competing approaches and landing the team on one answer.",
    keywords:
      "technical debate, debate, technical disagreement, disagree, argue, arguing, competing approaches, " +
      "tie break, tiebreak, which approach, settle, settles",
    decider: TL,
    consulted: [],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "service-reliability",
    title: "Reliability and monitoring of the team's services",
    description: "Alerts, dashboards, logging and the reliability targets of the services the team runs.",
    keywords:
      "reliability, uptime, monitoring, alerts, alerting, observability, logging, logs, metrics dashboard, " +
      "slo, sla, sli, tracing, error budget, health checks, error tracking, sentry, crash reporting",
    decider: TL,
    consulted: [ARCH],
    informed: [EM],
    source: S004,
  }),

  // ── Engineering manager: who builds it and how the team works. Seeds 004 (career, process,
  // hiring, politics, burnout), 002 (60/40 people/tech, calibration, attrition, OKRs), 001 and 003.
  area({
    id: "performance-reviews",
    title: "Performance reviews and feedback",
    description:
      "Writing reviews, giving formal feedback and rating how each engineer performed in the cycle.",
    keywords:
      "performance review, performance reviews, perf review, annual review, review cycle, appraisal, feedback, " +
      "performance management, rating, ratings, evaluation, self review, 360 feedback, perf cycle, " +
      "performance cycle, performance rating",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "promotions",
    title: "Promotions and levelling",
    description: "Building and deciding promotion cases and where an engineer sits on the career ladder.",
    keywords:
      "promotion, promotions, promo, promote, promoted, promotion case, level, levels, leveling, career ladder, " +
      "job title, promotion to senior, promotion to staff, next level",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "calibration",
    title: "Calibration of ratings across engineers",
    description: "Comparing review outcomes across people so ratings and promotions stay fair.",
    keywords: "calibration, calibrate, calibration cycle, ratings, fairness, stack ranking",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S002,
  }),
  area({
    id: "hiring",
    title: "Hiring and interview loops",
    description: "Opening roles, running interview loops, judging candidates and making offers.",
    keywords:
      "hiring, hire, hires, recruit, recruiting, recruitment, recruiter, interview, interviews, interviewing, " +
      "interviewer, interview panel, hiring loop, candidate, candidates, job offer, job description, " +
      "job opening, backfill, contractor, contractors",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "headcount",
    title: "Headcount and team size",
    description: "How many engineers a team has, where new seats go and when a team gets split.",
    keywords:
      "headcount, team size, staffing, headcount budget, headcount request, " +
      "reorg, resourcing, allocation of people",
    decider: EM,
    consulted: [TL, PM],
    informed: [],
    source: S002,
  }),
  area({
    id: "onboarding",
    title: "Onboarding new engineers",
    description: "Getting new hires productive: first weeks, onboarding buddy and ramp-up plan.",
    keywords:
      "onboarding, onboard, onboards, onboarded, new joiner, new starter, new grad, ramp up, " +
      "ramps up, buddy",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "career-growth",
    title: "Career growth and development plans",
    description: "Growth plans, coaching and the longer learning path that helps an engineer's career.",
    keywords:
      "career, career path, career development, career growth, growth plan, development plan, learning path, " +
      "learning plan, coaching, coach, mentoring, mentor, personal goals, growth, ic track",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "one-on-ones",
    title: "One-on-ones",
    description: "Regular private 1:1 conversations between a manager and each engineer.",
    keywords:
      "1:1, 1-1, one-on-one, one on one, 1on1, skip level, skip-level, skip-level meeting, weekly check-in",
    decider: EM,
    consulted: [],
    informed: [],
    source: S004,
  }),
  area({
    id: "sprint-planning",
    title: "Sprint planning and commitments",
    description: "How much work the team commits to each sprint and what to do when it is overcommitted.",
    keywords:
      "sprint, sprints, sprint planning, planning meeting, iteration planning, iteration, commitment, overcommitted, capacity, velocity, " +
      "scrum, kanban, sprint goal, sprint length, behind schedule",
    decider: EM,
    consulted: [TL, PM],
    informed: [],
    source: S004,
  }),
  area({
    id: "retrospectives",
    title: "Retrospectives",
    description: "Running the team's retros and following up on what they surface.",
    keywords: "retro, retros, retrospective, retrospectives, lessons learned, facilitate, post sprint review",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "team-process",
    title: "Team process and rituals",
    description: "How the team works day to day: standups, ceremonies, meeting load and working agreements.",
    keywords:
      "process, processes, standup, daily standup, ceremonies, rituals, workflow, ways of working, " +
      "working agreements, meeting load, too many meetings, agile, cadence",
    decider: EM,
    consulted: [TL],
    informed: [PM],
    source: S004,
  }),
  area({
    id: "blockers-politics",
    title: "Removing blockers and inter-team politics",
    description:
      "Clearing obstacles that come from other teams, org friction or politics dressed up as tech.",
    keywords:
      "blocker, blockers, blocked, unblock, other teams, inter-team, politics, " +
      "political, friction, escalation, escalate, red tape",
    decider: EM,
    consulted: [TL],
    informed: [PM],
    source: S002,
  }),
  area({
    id: "team-conflict",
    title: "Conflicts between team members",
    description: "Stepping in when teammates clash, behave badly or stop working well together.",
    keywords:
      "conflict, conflicts, clash, clashing, tension, dispute, fight, fighting, interpersonal, behavior, " +
      "disruptive, complaint, toxic, getting along, teammate, teammates, harassment, interrupting, rude, " +
      "personal conflict, personally, mediate, mediates, work together",
    decider: EM,
    consulted: [],
    informed: [],
    source: S004,
  }),
  area({
    id: "burnout-wellbeing",
    title: "Burnout, workload and morale",
    description: "Watching energy, overwork and psychological safety so the team does not burn out.",
    keywords:
      "burnout, burnt out, burned out, stress, stressed, overwork, overworked, workload, wellbeing, morale, " +
      "psychological safety, late nights, overtime, exhausted, overloaded, overload",
    decider: EM,
    consulted: [],
    informed: [TL],
    source: S004,
  }),
  area({
    id: "retention-attrition",
    title: "Retention and attrition risk",
    description: "Keeping good engineers and acting early on signs someone might leave.",
    keywords:
      "retention, retain, attrition, turnover, leaving the company, quit, quitting, resign, " +
      "resignation, flight risk",
    decider: EM,
    consulted: [],
    informed: [TL],
    source: S002,
  }),
  area({
    id: "timeline-scope",
    title: "Timeline estimates and scope negotiation",
    description: "Estimating delivery dates and negotiating scope with stakeholders when time runs short.",
    keywords:
      "timeline, timelines, estimate, estimates, estimation, deadline, deadlines, due date, delivery date, " +
      "launch date, scope, scope negotiation, negotiate, slipping, predictability",
    decider: EM,
    consulted: [TL, PM],
    informed: [],
    source: S004,
  }),
  area({
    id: "stakeholder-buffer",
    title: "Shielding the team from stakeholder pressure",
    description: "Acting as the buffer between engineers and executives, managing expectations upward.",
    keywords:
      "stakeholder, stakeholders, executive, executives, execs, vp, director, cto, leadership, pressure, " +
      "shield, shields, protect, protects, buffer, expectations, push back, managing up",
    decider: EM,
    consulted: [PM],
    informed: [TL],
    source: S004,
  }),
  area({
    id: "team-okrs",
    title: "Team OKRs and goals",
    description: "Setting and tracking the team's quarterly objectives and key results.",
    keywords: "okr, okrs, objectives, key results, team goals, quarterly goals, quarterly objectives, kpi",
    decider: EM,
    consulted: [PM, TL],
    informed: [],
    source: S002,
  }),
  area({
    id: "compensation",
    title: "Pay and compensation",
    description: "Salary, raises and bonus recommendations for the engineers on the team.",
    keywords: "salary, pay rise, pay raise, raise, compensation, bonus, equity, pay band",
    decider: EM,
    consulted: [],
    informed: [],
    source: S001,
  }),
  area({
    id: "incident-communication",
    title: "Communication during incidents",
    description: "Running the comms loop with executives and stakeholders while engineers fix an outage.",
    keywords:
      "incident comms, comms loop, incident communication, status updates, status page, outage comms, " +
      "keep stakeholders updated, incident executives",
    decider: EM,
    consulted: [TL],
    informed: [PM],
    source: S002,
  }),
  area({
    id: "on-call-rota",
    title: "On-call rotation",
    description: "Who carries the pager when, and keeping the rota fair and sustainable.",
    keywords: "on-call, rota, rotation, pager, pagerduty, shifts",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "team-culture",
    title: "Team culture and health",
    description: "The team's norms, values and how safe and supported people feel working in it.",
    keywords: "culture, team health, team values, norms, inclusion, trust",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S003,
  }),
  area({
    id: "underperformance",
    title: "Supporting an engineer who is struggling",
    description:
      "Working out whether a struggle is skill, motivation or misalignment and planning the way back.",
    keywords:
      "struggling, struggle, underperforming, underperformance, low performer, pip, performance improvement plan, " +
      "motivation, misalignment, skill gap, not performing, learning path, struggling junior",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),
  area({
    id: "hybrid-role-split",
    title: "Splitting the tech lead and manager hats",
    description:
      "Whether one person keeps both hats, how their time is split and when to hire a dedicated manager.",
    keywords:
      "hybrid, two hats, both hats, role split, split the role, allocation, time split, dedicated manager, " +
      "coding time, hats",
    decider: EM,
    consulted: [TL],
    informed: [],
    source: S004,
  }),

  // ── Architect: the shape of the system across teams and years. Seeds 001 (boundaries, components,
  // technology roadmap), 002 (data model, platform implications, killing features in discovery),
  // 000 (consensus, critical code paths, turning product ideas into buildable designs).
  area({
    id: "system-boundaries",
    title: "System boundaries and major components",
    description: "Where the system is cut into major components and services, and who owns each boundary.",
    keywords:
      "boundaries, system boundaries, service boundaries, module boundaries, major components, components, " +
      "bounded context, domains, decomposition, split into components, system structure, carve up, " +
      "split of services, service split, org-wide, across teams",
    decider: ARCH,
    consulted: [TL],
    informed: [EM, PM],
    source: S001,
  }),
  area({
    id: "technology-strategy",
    title: "Organisation-wide technology strategy and roadmap",
    description: "The long-term technical strategy and technology roadmap for the whole organisation.",
    keywords:
      "technology strategy, tech strategy, technical strategy, technology roadmap, tech roadmap, long term, " +
      "org-wide, multi-year, org-wide strategy",
    decider: ARCH,
    consulted: [TL, EM],
    informed: [PM],
    source: S001,
  }),
  area({
    id: "org-engineering-standards",
    title: "Engineering standards across teams",
    description: "Which technologies and practices every team is expected to share across the organisation.",
    keywords:
      "engineering standards, org standards, company standards, standards across teams, tech radar, " +
      "golden path, standardize, standardization, cross-team standards, org-wide, across teams",
    decider: ARCH,
    consulted: [TL],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "data-model",
    title: "Shared data model",
    description: "Whether the core data model can carry the future products, and how it evolves.",
    keywords:
      "data model, domain model, data modeling, entities, data schema, data architecture, future products, " +
      "core data, canonical model, multi-tenant, multi-tenancy, tenancy",
    decider: ARCH,
    consulted: [TL, PM],
    informed: [EM],
    source: S002,
  }),
  area({
    id: "platform-implications",
    title: "Platform impact of new products and big requests",
    description: "What saying yes to a large customer ask or a new product line would do to the platform.",
    keywords:
      "platform, platform implications, product line, new product line, implications, big customer, " +
      "customer request impact, platform capacity, platform impact",
    decider: ARCH,
    consulted: [PM, TL],
    informed: [EM],
    source: S002,
  }),
  area({
    id: "critical-code-paths",
    title: "Which code paths must be fast",
    description: "Naming the few mission-critical paths that must be optimized and run in bounded time.",
    keywords:
      "code paths, hot path, hot paths, critical path, constant time, optimize, optimization, high performance, " +
      "mission critical, performance budget, fast, performance critical, latency critical, latency sensitive",
    decider: ARCH,
    consulted: [TL],
    informed: [],
    source: S000,
  }),
  area({
    id: "discovery-feasibility",
    title: "Killing or reshaping features in discovery",
    description: "Ruling a feature out early when the design cannot carry it without a rewrite.",
    keywords:
      "discovery, kill, kills, killed, kill a feature, veto, rule out, feasibility, design cannot carry, " +
      "pre-discovery, early design, too costly",
    decider: ARCH,
    consulted: [PM, TL],
    informed: [EM],
    source: S002,
  }),
  area({
    id: "design-consensus",
    title: "Consensus among competing design demands",
    description: "Bringing teams with conflicting design requirements to one coherent design.",
    keywords:
      "consensus, competing, competing requirements, competing demands, design requirements, design alignment, " +
      "cohesive design, conflicting designs, design tradeoffs, trade-offs",
    decider: ARCH,
    consulted: [TL, PM],
    informed: [EM],
    source: S000,
  }),
  area({
    id: "product-to-design",
    title: "Turning product ideas into implementable designs",
    description: "Translating what product wants into a high-level design the teams can actually build.",
    keywords:
      "translate, translates, product idea, product ideas, implementable, solution design, high-level design, " +
      "solution shape, implementable design",
    decider: ARCH,
    consulted: [PM, TL],
    informed: [EM],
    source: S000,
  }),
  area({
    id: "technical-vision",
    title: "Technical vision across teams",
    description: "Holding and driving the big-picture technical vision that several teams build toward.",
    keywords:
      "vision, technical vision, architecture vision, big picture, north star, across teams, architecture, " +
      "long term",
    decider: ARCH,
    consulted: [TL, EM],
    informed: [PM],
    source: S000,
  }),
  area({
    id: "cross-team-design",
    title: "Cross-team system design and architecture reviews",
    description: "System design work, RFCs and architecture decision records that span more than one team.",
    keywords:
      "cross-team design, system design, architecture, architecture review, rfc, adr, " +
      "architecture decision record, design review board, architecture diagram, high level diagram, " +
      "target architecture, across teams",
    decider: ARCH,
    consulted: [TL],
    informed: [EM, PM],
    source: S002,
  }),
  area({
    id: "architecture-style",
    title: "Architecture style for the whole system",
    description: "Org-wide choices such as monolith versus microservices or going event-driven.",
    keywords:
      "microservices, monolith, event driven, event sourcing, cqrs, architecture style, service mesh, " +
      "org-wide microservices, move to microservices, split the monolith, across teams",
    decider: ARCH,
    consulted: [TL, EM],
    informed: [PM],
    source: S001,
  }),
  area({
    id: "integration-contracts",
    title: "Contracts between services and teams",
    description:
      "The API contracts, event schemas and versioning rules that services rely on from each other.",
    keywords:
      "api contracts, contracts, contract, interfaces between services, integration, integrations, " +
      "versioning, event schemas, protocols, standardize, across teams",
    decider: ARCH,
    consulted: [TL],
    informed: [PM],
    source: S001,
  }),
  area({
    id: "scalability-strategy",
    title: "Scalability across the platform",
    description: "How the platform copes with growth and heavy load over the coming years.",
    keywords:
      "scalability, scale, scaling, scalable, capacity planning, high load, load testing, distributed systems, " +
      "platform, multi-region, regions",
    decider: ARCH,
    consulted: [TL],
    informed: [EM],
    source: S001,
  }),
  area({
    id: "cloud-platform",
    title: "Company-wide cloud and infrastructure platform",
    description: "Which cloud provider, hosting and shared infrastructure the organisation standardizes on.",
    keywords:
      "cloud provider, cloud platform, aws, gcp, azure, kubernetes, infrastructure, infra, hosting, " +
      "data center, on prem, multi-cloud, company-wide cloud, org-wide",
    decider: ARCH,
    consulted: [TL, EM],
    informed: [],
    source: S001,
  }),

  // ── Product manager: what to build to satisfy customers. Seed 000 (figures out what to build),
  // 002 (product frames the problem before architecture shapes it).
  area({
    id: "what-to-build",
    title: "Which features to build",
    description: "Deciding what the product should do next for its customers and what it should not do.",
    keywords:
      "features, feature, what to build, build, build next, feature ideas, product direction, customers, " +
      "next quarter, product decisions",
    decider: PM,
    consulted: [ARCH, EM],
    informed: [TL],
    source: S000,
  }),
  area({
    id: "feature-priorities",
    title: "Feature priorities and ordering",
    description: "Ranking features and deciding what comes ahead when everything cannot ship at once.",
    keywords:
      "priorities, priority, prioritization, prioritize, reprioritization, feature order, order of features, " +
      "ranking, rank, feature priorities, product priorities, tradeoff between features",
    decider: PM,
    consulted: [EM, TL],
    informed: [],
    source: S000,
  }),
  area({
    id: "product-roadmap",
    title: "Product roadmap",
    description: "The product's roadmap of themes and bets for the coming quarters.",
    keywords: "roadmap, product roadmap, quarterly roadmap, roadmap themes, product bets, release plan",
    decider: PM,
    consulted: [ARCH, EM],
    informed: [TL],
    source: S000,
  }),
  area({
    id: "backlog",
    title: "Backlog ordering and grooming",
    description: "Keeping the product backlog groomed, triaged and in the right order.",
    keywords: "backlog, grooming, refinement, triage, triages, backlog order, product backlog, icebox",
    decider: PM,
    consulted: [TL],
    informed: [EM],
    source: S000,
  }),
  area({
    id: "customer-needs",
    title: "Customer needs and research",
    description: "Talking to customers and users to understand their problems before deciding anything.",
    keywords:
      "customer, customers, client, clients, customer needs, users, user needs, user research, " +
      "talk to customers, pain points, customer interviews, customer feedback, satisfy customers",
    decider: PM,
    consulted: [ARCH],
    informed: [EM, TL],
    source: S000,
  }),
  area({
    id: "customer-requests",
    title: "Customer feature requests",
    description: "Which requests from customers are accepted, deferred or declined.",
    keywords:
      "feature request, feature requests, customer request, customer requests, client requests, " +
      "wishlist",
    decider: PM,
    consulted: [ARCH, TL],
    informed: [EM],
    source: S000,
  }),
  area({
    id: "requirements",
    title: "Requirements, PRDs and acceptance criteria",
    description: "Writing the spec, user stories and acceptance criteria that define when a feature is done.",
    keywords:
      "requirements, requirement, prd, product requirements, spec, product spec, user stories, user story, " +
      "stories, acceptance criteria, definition of done",
    decider: PM,
    consulted: [TL],
    informed: [EM],
    source: S000,
  }),
  area({
    id: "release-scope",
    title: "Release contents and MVP scope",
    description: "Which features go into a release or the MVP and which get cut.",
    keywords:
      "release, releases, mvp, launch, next release, release scope, cut from the release, v2, v1, bug fixes",
    decider: PM,
    consulted: [EM, TL],
    informed: [],
    source: S000,
  }),
  area({
    id: "product-vision",
    title: "Product vision and strategy",
    description: "Where the product is heading, for whom, and why it will win.",
    keywords: "product vision, product strategy, market, positioning, value proposition, product",
    decider: PM,
    consulted: [ARCH],
    informed: [EM, TL],
    source: S000,
  }),
  area({
    id: "product-metrics",
    title: "Product success metrics and experiments",
    description: "Which usage numbers define success for a feature and which experiments to run.",
    keywords:
      "adoption, engagement, product analytics, a/b test, experiment, experiments, success metrics, success, " +
      "conversion",
    decider: PM,
    consulted: [TL],
    informed: [EM],
    source: S000,
  }),
];

/**
 * Keywords for an admin-added area, from its title: lower case, stop words and duplicates dropped.
 * Compounds such as "on-call" or "1:1" stay whole so that they keep their meaning.
 */
export function keywordsFromTitle(title: string): string[] {
  const words = title
    .toLowerCase()
    .split(/[\s,;&()"]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ""))
    .filter((w) => w.length > 1 && !isFillerWord(w));
  return [...new Set(words)];
}
