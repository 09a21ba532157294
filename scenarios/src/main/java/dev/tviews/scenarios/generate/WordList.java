package dev.tviews.scenarios.generate;

/** Words for generated text: plain, ASCII, nothing that needs escaping in COPY or SQL. */
final class WordList {

    static final String[] WORDS = (
            "amber anchor apple arch arrow atlas autumn badge bakery balance bamboo banner barrel basket beacon berry "
            + "birch blanket blossom boat bolt bottle breeze brick bridge brook brush bucket cabin cable cactus candle "
            + "canvas canyon carbon cargo castle cedar cellar chalk channel charm cherry circle cliff clock cloud clover "
            + "coast cobalt comet copper coral cotton crane crater crystal current dawn delta desert diamond dune eagle "
            + "echo ember engine falcon feather fern field flame flint forest fossil fountain frost galaxy garden garnet "
            + "glacier granite harbor harvest hazel helmet hollow honey horizon island ivory jasmine jungle kernel kettle "
            + "lagoon lantern lava leaf lemon lighthouse linen lotus magnet maple marble meadow mesa meteor mint mirror "
            + "monsoon mosaic moss mountain nectar needle nova oak oasis ocean olive onyx orbit orchard otter paddle "
            + "palm paper pebble pepper pine planet plaza pocket polar pond prairie prism pulse quartz quill rain raven "
            + "reef ridge river rocket saddle sage salt sand satin shadow shell signal silver slate smoke spark spice "
            + "spruce squall star stone storm summit sun swift tangle thistle thunder tide timber topaz torch tower trail "
            + "tulip tundra valley velvet violet voyage walnut wave willow wind winter wolf yarrow zenith zephyr")
            .split(" ");

    private WordList() {
    }
}
