import { type CatalogSeed, catalogSeedSchema } from './schema.js'

/**
 * The content of "Deciphering Roles: Project Manager vs. Technical Project Manager"
 * (seed/source/project-manager-vs-technical-project-manager.txt), and nothing else.
 *
 * Every item carries the section it comes from and a quote that tests find verbatim in the article.
 * Where the article gives no value (a skill's general description, a certification's issuing body),
 * the field is left empty rather than filled from elsewhere. Role-specific wording lives in the
 * link's `note`, because the article describes skills only in the context of one role.
 *
 * Requirement levels follow the article's wording: "typically include", "requires", "include" and
 * "may include" (a list of the role's responsibilities) are `required`; "can enhance", "often
 * entails" and "invaluable" are `recommended`.
 */

const PM = 'The Role of a Project Manager'
const TPM = 'The Role of a Technical Project Manager – Bridging the Gap'
const QUALIFY = 'How to Qualify for a Technical Project Manager Position'
const CERTS = 'Certifications that can enhance qualifications for a Technical Project Manager'
const EXPERIENCE = 'Experience in managing SDLC projects'
const SOFT = 'Soft Skills and Attributes of a Technical Project Manager Include'
const CONCLUSION = 'In conclusion'

export const articleSeed: CatalogSeed = catalogSeedSchema.parse({
  sourceTitle: 'Deciphering Roles: Project Manager vs. Technical Project Manager',

  responsibilities: [
    {
      slug: 'stakeholder-management',
      title: 'Stakeholder Management',
      description:
        'Building and nurturing relationships with stakeholders, ensuring their expectations are managed effectively throughout the project lifecycle.',
      source: { section: PM, quote: '1. Stakeholder Management: Building and nurturing relationships with stakeholders' },
    },
    {
      slug: 'resource-allocation',
      title: 'Resource Allocation',
      description:
        'Allocating resources efficiently to tasks and activities, optimizing productivity and minimizing bottlenecks.',
      source: { section: PM, quote: '2. Resource Allocation: Allocating resources efficiently to tasks and activities' },
    },
    {
      slug: 'risk-management',
      title: 'Risk Management',
      description:
        'Identifying potential risks and developing mitigation strategies to safeguard the project’s progress.',
      source: { section: PM, quote: '3. Risk Management: Identifying potential risks' },
    },
    {
      slug: 'communication',
      title: 'Communication',
      description:
        'Facilitating clear and concise communication among team members, stakeholders, and other relevant parties.',
      source: { section: PM, quote: '4. Communication: Facilitating clear and concise communication' },
    },
    {
      slug: 'project-planning',
      title: 'Project Planning',
      description:
        'Creating comprehensive project plans, outlining timelines, milestones, and deliverables to guide the project’s execution.',
      source: { section: PM, quote: '5. Project Planning: Creating comprehensive project plans' },
    },
    {
      slug: 'managing-budgets',
      title: 'Managing Budgets',
      description:
        'Managing the project budget to make sure that the money is spent wisely and within prescribed limits.',
      source: { section: PM, quote: '6. Managing Budgets: Managing the project budget' },
    },
    {
      slug: 'technical-expertise',
      title: 'Technical Expertise',
      description:
        'Possessing a strong grasp of the technologies, tools, and methodologies pertinent to the project, enabling informed decision-making and effective problem-solving.',
      source: { section: TPM, quote: '1. Technical Expertise: Possessing a strong grasp of the technologies' },
    },
    {
      slug: 'integration-of-technical-solutions',
      title: 'Integration of Technical Solutions',
      description:
        'Collaborating with technical teams to integrate solutions seamlessly within the project framework, ensuring alignment with project objectives.',
      source: { section: TPM, quote: '2. Integration of Technical Solutions: Collaborating with technical teams' },
    },
    {
      slug: 'quality-assurance',
      title: 'Quality Assurance',
      description:
        'Overseeing quality assurance processes to guarantee that deliverables meet technical specifications and adhere to industry standards.',
      source: { section: TPM, quote: '3. Quality Assurance: Overseeing quality assurance processes' },
    },
    {
      slug: 'risk-assessment',
      title: 'Risk Assessment',
      description:
        'Conducting technical risk assessments and implementing risk mitigation strategies to address potential technical challenges.',
      source: { section: TPM, quote: '4. Risk Assessment: Conducting technical risk assessments' },
    },
    {
      slug: 'cross-functional-collaboration',
      title: 'Cross-Functional Collaboration',
      description:
        'Facilitating collaboration between technical and non-technical stakeholders, bridging the gap between different functional areas within the project.',
      source: { section: TPM, quote: '5. Cross-Functional Collaboration: Facilitating collaboration between technical and non-technical stakeholders' },
    },
  ],

  skills: [
    {
      slug: 'leadership',
      name: 'Leadership',
      kind: 'soft',
      source: { section: PM, quote: 'strong leadership, communication, and organizational skills are paramount' },
    },
    {
      slug: 'communication',
      name: 'Communication',
      kind: 'soft',
      source: { section: PM, quote: 'strong leadership, communication, and organizational skills are paramount' },
    },
    {
      slug: 'organizational-skills',
      name: 'Organizational skills',
      kind: 'soft',
      source: { section: PM, quote: 'strong leadership, communication, and organizational skills are paramount' },
    },
    {
      slug: 'problem-solving',
      name: 'Problem-solving',
      kind: 'soft',
      source: { section: SOFT, quote: 'Problem-solving abilities: Being able to troubleshoot technical issues and find solutions efficiently.' },
    },
    {
      slug: 'adaptability-to-change',
      name: 'Adaptability to change',
      kind: 'soft',
      source: { section: SOFT, quote: 'Adaptability to change: Given the dynamic nature of technology' },
    },
    {
      slug: 'project-management-principles',
      name: 'Project management principles',
      kind: 'technical',
      source: { section: TPM, quote: 'This role requires not only proficiency in project management principles' },
    },
    {
      slug: 'technical-domain-expertise',
      name: 'Technical domain expertise',
      kind: 'technical',
      source: { section: TPM, quote: 'a varying degree of expertise in the technical domain relevant to the project' },
    },
  ],

  certifications: [
    {
      slug: 'pmp',
      name: 'Project Management Professional',
      abbreviation: 'PMP',
      description: 'Demonstrates proficiency in project management principles.',
      source: { section: CERTS, quote: 'Project Management Professional (PMP): Demonstrates proficiency in project management principles.' },
    },
    {
      slug: 'technology-specific-certifications',
      name: 'Technology-specific certifications',
      description: 'Technical certifications specific to the industry or technology stack relevant to the project.',
      source: { section: CERTS, quote: 'Technical certifications specific to the industry or technology stack relevant to the project' },
    },
    {
      slug: 'salesforce-certifications',
      name: 'Salesforce certifications',
      source: { section: CERTS, quote: 'relevant Salesforce certifications would be highly beneficial for a Technical Project Manager working on Salesforce projects' },
    },
  ],

  roles: [
    {
      slug: 'project-manager',
      title: 'Project Manager',
      abbreviation: 'PM',
      summary:
        'The Project Manager serves as the captain of the ship, responsible for steering the project towards its successful completion within the defined constraints of time, budget, and scope.',
      focus: 'Overall project governance and stakeholder management.',
      buildsOn: [],
      source: { section: PM, quote: 'The Project Manager serves as the captain of the ship' },
      responsibilities: [
        { slug: 'stakeholder-management', requirement: 'required' },
        { slug: 'resource-allocation', requirement: 'required' },
        { slug: 'risk-management', requirement: 'required' },
        { slug: 'communication', requirement: 'required' },
        { slug: 'project-planning', requirement: 'required' },
        { slug: 'managing-budgets', requirement: 'required' },
      ],
      skills: [
        { slug: 'leadership', requirement: 'required', note: 'Paramount for success in this role.' },
        { slug: 'communication', requirement: 'required', note: 'Paramount for success in this role.' },
        { slug: 'organizational-skills', requirement: 'required', note: 'Paramount for success in this role.' },
      ],
      certifications: [
        {
          slug: 'pmp',
          requirement: 'required',
          note: 'Qualifications typically include relevant certifications such as the Project Management Professional (PMP) certification.',
        },
      ],
      qualifications: [
        {
          level: 'bachelor',
          requirement: 'required',
          note: 'Typically a bachelor’s degree in a relevant field.',
          fieldsOfStudy: [
            { slug: 'business-administration', name: 'Business administration' },
            { slug: 'engineering', name: 'Engineering' },
            { slug: 'project-management', name: 'Project management' },
          ],
        },
      ],
      experience: [],
    },
    {
      slug: 'technical-project-manager',
      title: 'Technical Project Manager',
      abbreviation: 'TPM',
      summary:
        'The Technical Project Manager combines the traditional project management skill set with a deep understanding of technical intricacies specific to the project at hand.',
      focus:
        'Specialized technical expertise, guiding the implementation of technical solutions within the project framework.',
      buildsOn: ['project-manager'],
      source: {
        section: TPM,
        quote: 'the Technical Project Manager combines the traditional project management skill set with a deep understanding of technical intricacies',
      },
      responsibilities: [
        { slug: 'technical-expertise', requirement: 'required' },
        { slug: 'integration-of-technical-solutions', requirement: 'required' },
        { slug: 'quality-assurance', requirement: 'required' },
        { slug: 'risk-assessment', requirement: 'required' },
        { slug: 'cross-functional-collaboration', requirement: 'required' },
      ],
      skills: [
        {
          slug: 'project-management-principles',
          requirement: 'required',
          note: 'This role requires proficiency in project management principles; a solid foundation in project management.',
        },
        {
          slug: 'technical-domain-expertise',
          requirement: 'required',
          note: 'A varying degree of expertise in the technical domain relevant to the project; a solid foundation in the relevant technical domain.',
        },
        {
          slug: 'problem-solving',
          requirement: 'required',
          note: 'Being able to troubleshoot technical issues and find solutions efficiently.',
        },
        {
          slug: 'adaptability-to-change',
          requirement: 'required',
          note: 'Given the dynamic nature of technology, the ability to adapt to new tools, methodologies, and trends is essential.',
        },
        {
          slug: 'communication',
          requirement: 'required',
          note: 'Clear communication: effectively conveying technical concepts to non-technical stakeholders and facilitating collaboration among diverse teams.',
        },
        {
          slug: 'leadership',
          requirement: 'required',
          note: 'Inspiring and guiding technical teams to achieve project objectives efficiently.',
        },
      ],
      certifications: [
        {
          slug: 'pmp',
          requirement: 'recommended',
          note: 'Can enhance qualifications: demonstrates proficiency in project management principles.',
        },
        {
          slug: 'technology-specific-certifications',
          requirement: 'recommended',
          note: 'Specific to the industry or technology stack relevant to the project.',
        },
        {
          slug: 'salesforce-certifications',
          requirement: 'recommended',
          note: 'Highly beneficial for a Technical Project Manager working on Salesforce projects.',
        },
      ],
      qualifications: [
        {
          level: 'unspecified',
          requirement: 'recommended',
          note: 'Often entails acquiring a degree in a technical field.',
          fieldsOfStudy: [
            { slug: 'computer-science', name: 'Computer science' },
            { slug: 'engineering', name: 'Engineering' },
            { slug: 'information-technology', name: 'Information technology' },
          ],
        },
      ],
      experience: [
        {
          slug: 'managing-sdlc-projects',
          area: 'Managing SDLC projects',
          kind: 'management',
          requirement: 'recommended',
          note: 'Broad experience in managing SDLC projects will set PMs apart and enable them to take on more technical roles.',
        },
        {
          slug: 'software-development',
          area: 'Software development',
          kind: 'technical',
          requirement: 'recommended',
          note: 'Hands-on experience in technical roles is invaluable for developing a deep understanding of the intricacies involved in project execution.',
        },
        {
          slug: 'systems-engineering',
          area: 'Systems engineering',
          kind: 'technical',
          requirement: 'recommended',
          note: 'Hands-on experience in technical roles is invaluable for developing a deep understanding of the intricacies involved in project execution.',
        },
        {
          slug: 'cloud-solutions',
          area: 'Cloud solutions',
          kind: 'technical',
          requirement: 'recommended',
          note: 'Hands-on experience in technical roles is invaluable for developing a deep understanding of the intricacies involved in project execution.',
        },
      ],
    },
  ],
})

/** Section names used above, exported for tests that trace items back to the article. */
export const articleSections = { CERTS, CONCLUSION, EXPERIENCE, PM, QUALIFY, SOFT, TPM }
