import { EmbeddedSearchEngine } from "../../search/embedded";
import { runSearchContract } from "../contract/search-contract";

runSearchContract("embedded", async () => new EmbeddedSearchEngine(), { pinyin: true });
