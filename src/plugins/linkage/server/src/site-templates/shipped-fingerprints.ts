// The fingerprint (domain/template-upgrade.ts) of every version of each default template the plugin
// has shipped, oldest first. A stored template with one of these was never edited by the city and
// is brought to the current default at boot. Changing defaults.ts: add the new fingerprints here
// (test/domain/template-upgrade.test.ts fails until the current ones are listed).
export const SHIPPED_FINGERPRINTS: Readonly<Record<string, readonly string[]>> = {
  layout: [
    '879cef2cc6eb3fb13a1a1a011c8c08a450a9ad6fae666232b110a8c5a82f3199',
    'cbfc316288a22da3cbe5c9df276fd2695c33cf322d265ac69a3299f3fae93f28',
    '93d19f46ccc5997977d1e66607c18c49ee913f175f8021424dc4ce03517201b5',
    '5e1bec576ebd23e8c45f9cefbd03db596f2dad5f691906e22736607f59c640e4',
  ],
  'site-index': [
    'e3e20c62798a19652209f019b3f66de392bdf916b4696b2988b99a4cbd2fb437',
    '6ed787306603f5679ce262bbe7b3d2f3ede999cf9c3c2ddbc5e41204c4487208',
    '43233a7196691e0ece150987ddc422c279b5cfdf6c0f85ae52c7a254014b5e21',
  ],
  'item-page': ['92e3a8a0bc18aedf1facbe2b8a2f2660a7104be8eba09a9507fc07f1c7b62c1d', '7a0e3d96c607bb803ad1580b26bbc5078f68ae2f900d06843f333916011f316e'],
  'guide-page': ['a6400bdd0e2bb59c8cf174e9ff2fa6723796e761840460c8a98268b3493a762d', 'a34942279c1f049591500e39e7610f544694c50ac4f756ead32c32a76e7b530b'],
  'navigator-form': [
    '7ce0ee8caba089d637e7c702e8a4299dc58a1debf813192ba75cd074b86dcf49',
    'ba3cb5b50d50b463072f5aee996601009e6d4ddccd6c0c182b92a371e4ed4dcc',
    '8985e288681369c54728604ee8fc7ad4961faebf3e8ee0a96aa23769498ac1e9',
    '29a18adfd8835a549d62bf341117f654ce511b090969c4a6e36d104b64eb9734',
  ],
  'route-result': ['d94661ae99d9d7162d05c03822b7e426fd178f63addb94655c66d21f39d394eb', 'c910305ddbfb34281572c3301288ee65efefc50f7fea24358d63ac5073698fe6'],
};
