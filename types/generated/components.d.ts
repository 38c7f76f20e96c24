import type { Schema, Struct } from '@strapi/strapi';

export interface LinkageMaterial extends Struct.ComponentSchema {
  collectionName: 'components_linkage_materials';
  info: {
    description: 'A document the applicant brings; `when` (JSON Logic over the answers) limits when it is needed.';
    displayName: 'Material \u7533\u62A5\u6750\u6599';
    icon: 'file';
  };
  attributes: {
    blankForm: Schema.Attribute.String;
    copies: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    original: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    required: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<true>;
    when: Schema.Attribute.JSON;
  };
}

export interface LinkageOption extends Struct.ComponentSchema {
  collectionName: 'components_linkage_options';
  info: {
    description: 'One answer of a choice question.';
    displayName: 'Option \u9009\u9879';
    icon: 'bulletList';
  };
  attributes: {
    label: Schema.Attribute.String & Schema.Attribute.Required;
    value: Schema.Attribute.String & Schema.Attribute.Required;
  };
}

export interface LinkagePolicy extends Struct.ComponentSchema {
  collectionName: 'components_linkage_policies';
  info: {
    description: 'A policy or regulation behind the item.';
    displayName: 'Policy \u653F\u7B56\u6CD5\u89C4';
    icon: 'book';
  };
  attributes: {
    title: Schema.Attribute.String & Schema.Attribute.Required;
    url: Schema.Attribute.String;
  };
}

export interface LinkageQuestion extends Struct.ComponentSchema {
  collectionName: 'components_linkage_questions';
  info: {
    description: "What the navigator asks. Core answers choose the route; auxiliary answers tune a guide's materials.";
    displayName: 'Question \u5BFC\u822A\u95EE\u9898';
    icon: 'question';
  };
  attributes: {
    answerLevel: Schema.Attribute.Enumeration<
      ['city', 'district', 'street', 'community']
    >;
    key: Schema.Attribute.String & Schema.Attribute.Required;
    kind: Schema.Attribute.Enumeration<['core', 'auxiliary']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'core'>;
    label: Schema.Attribute.String & Schema.Attribute.Required;
    options: Schema.Attribute.Component<'linkage.option', true>;
    type: Schema.Attribute.Enumeration<['choice', 'boolean', 'unit']> &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'choice'>;
    within: Schema.Attribute.String;
  };
}

export interface LinkageStage extends Struct.ComponentSchema {
  collectionName: 'components_linkage_stages';
  info: {
    description: 'One step of the item: its level, order, handler and when it applies (JSON Logic over the core answers).';
    displayName: 'Stage \u529E\u7406\u73AF\u8282';
    icon: 'layer';
  };
  attributes: {
    appliesWhen: Schema.Attribute.JSON & Schema.Attribute.Required;
    handler: Schema.Attribute.JSON & Schema.Attribute.Required;
    key: Schema.Attribute.String & Schema.Attribute.Required;
    level: Schema.Attribute.Enumeration<
      ['city', 'district', 'street', 'community']
    > &
      Schema.Attribute.Required;
    name: Schema.Attribute.String & Schema.Attribute.Required;
    order: Schema.Attribute.Integer &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

export interface LinkageTimeLimit extends Struct.ComponentSchema {
  collectionName: 'components_linkage_time_limits';
  info: {
    description: 'Statutory and promised working days.';
    displayName: 'Time limit \u529E\u7406\u65F6\u9650';
    icon: 'clock';
  };
  attributes: {
    promisedDays: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
    statutoryDays: Schema.Attribute.Integer &
      Schema.Attribute.SetMinMax<
        {
          min: 0;
        },
        number
      >;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'linkage.material': LinkageMaterial;
      'linkage.option': LinkageOption;
      'linkage.policy': LinkagePolicy;
      'linkage.question': LinkageQuestion;
      'linkage.stage': LinkageStage;
      'linkage.time-limit': LinkageTimeLimit;
    }
  }
}
