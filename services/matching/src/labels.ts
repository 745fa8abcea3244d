// The words explanations use for taxonomy ids. Programmes start with the health-information
// taxonomy (its ids are what the default questionnaires store); an id outside it is shown as is.
import { healthInformationTaxonomy as taxonomy } from '@belong/contracts';
import type { Labels } from '@belong/matching-engine';

export const defaultLabels: Labels = {
  sectors: taxonomy.labelsOf(taxonomy.sectors),
  topics: taxonomy.labelsOf(taxonomy.topics),
  regions: taxonomy.labelsOf(taxonomy.regions),
  languages: taxonomy.labelsOf(taxonomy.languages),
};
